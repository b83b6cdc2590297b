/** The form controls: NHS.UK date input, inline errors and the error summary (issue 10, item 5). */
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { useRef, useState } from 'preact/hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { ErrorSummary } from '../../../../extension/panel/forms/ErrorSummary';
import { DateField, RadioGroup, TextField } from '../../../../extension/panel/forms/fields';
import { FormErrors, useFieldChecks } from '../../../../extension/panel/forms/formErrors';

/** A form as FormShell wires it: its fields register, "Check" asks them all and lists what is wrong. */
function CheckedForm() {
  const ref = useRef<HTMLFormElement>(null);
  const summary = useRef<HTMLDivElement>(null);
  const checks = useFieldChecks(ref);
  const [name, setName] = useState('');
  const [date, setDate] = useState('');
  const [answer, setAnswer] = useState('');
  return (
    <FormErrors.Provider value={checks.context}>
      <form ref={ref} aria-label="Test form">
        {checks.errors.length > 0 ? <ErrorSummary focusRef={summary} items={checks.errors.map((e) => ({ key: e.name, message: e.message, targetId: e.targetId }))} /> : null}
        <TextField label="Name" name="name" required value={name} onInput={setName} />
        <RadioGroup legend="Outcome" name="outcome" value={answer} onChange={setAnswer} options={[['accepted', 'Accepted'], ['declined', 'Declined']]} />
        <TextField label="Review by" name="reviewDue" type="date" required value={date} onInput={setDate} />
        <button type="button" onClick={() => checks.check()}>
          Check
        </button>
      </form>
    </FormErrors.Provider>
  );
}

describe('form fields', () => {
  afterEach(() => cleanup());

  it('asks for a date as day, month and year numbers under one legend, and gives the form YYYY-MM-DD', () => {
    let value = '';
    render(<DateField label="Review by" name="reviewDue" required value="" onInput={(v) => (value = v)} />);
    const group = screen.getByRole('group', { name: 'Review by' });
    const [day, month, year] = ['Day', 'Month', 'Year'].map((label) => screen.getByLabelText(label) as HTMLInputElement);
    expect([day, month, year].map((input) => input?.getAttribute('inputmode'))).toEqual(['numeric', 'numeric', 'numeric']);
    expect([day, month, year].map((input) => input?.name)).toEqual(['reviewDue-day', 'reviewDue-month', 'reviewDue-year']);
    fireEvent.input(day!, { target: { value: '3' } });
    fireEvent.input(month!, { target: { value: '6' } });
    fireEvent.input(year!, { target: { value: '2027' } });
    expect(value).toBe('2027-06-03');
    expect((group.querySelector('input[type="hidden"][name="reviewDue"]') as HTMLInputElement).value).toBe('2027-06-03');
  });

  it('lists each problem in a summary that links to its field, in screen order, and marks each field invalid with its message', () => {
    render(<CheckedForm />);
    fireEvent.input(screen.getByLabelText('Day'), { target: { value: '31' } });
    fireEvent.input(screen.getByLabelText('Month'), { target: { value: '4' } });
    fireEvent.input(screen.getByLabelText('Year'), { target: { value: '2027' } });
    fireEvent.click(screen.getByRole('button', { name: 'Check' }));

    const summary = screen.getByRole('alert');
    expect(summary.querySelector('h3')?.textContent).toBe('There is a problem');
    const links = [...summary.querySelectorAll('a')];
    expect(links.map((a) => a.textContent)).toEqual(['Enter name', 'Select an answer to “Outcome”', 'Review by must be a real date']);

    const name = screen.getByLabelText('Name');
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(name.getAttribute('aria-describedby') ?? '')?.textContent).toBe('Error: Enter name');
    expect(screen.getByLabelText('Day').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByLabelText('Month').getAttribute('aria-invalid')).toBeNull();

    fireEvent.click(links[2]!);
    expect(document.activeElement).toBe(screen.getByLabelText('Day'));
    fireEvent.click(links[1]!);
    expect(document.activeElement).toBe(screen.getByLabelText('Accepted'));
  });
});
