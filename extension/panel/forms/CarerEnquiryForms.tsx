/**
 * A carer's enquiry (shared/actions/record-carer-enquiry.ts): when it came and what it was about;
 * and its answer (shared/actions/answer-carer-enquiry.ts): which enquiry, and when it was answered.
 * "We will ensure a prompt response is provided to carer enquiries".
 */
import { displayText } from '../../../shared/displayText';
import type { CarerView } from '../../protocol/view';
import { formatDate } from '../format';
import { RadioGroup, TextArea, TextField } from './fields';
import { FormShell } from './FormShell';
import { useFormWrite, type FormContext } from './Forms';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function RecordEnquiryForm(ctx: FormContext & { carer: CarerView; today: string }) {
  const { carer } = ctx;
  const name = carer.name !== undefined ? displayText(carer.name) : 'this carer';
  const { draft, write, problem, send, cancel } = useFormWrite(ctx, `record-carer-enquiry:${carer.id}`, { receivedOn: ctx.today, about: '' });
  const v = draft.values;
  return (
    <FormShell
      title={`Enquiry from ${name}`}
      hint="Records when the enquiry came, so the answer can be followed up if it is late."
      submitLabel="Record enquiry"
      write={write}
      problem={problem}
      draftLines={[`Came on: ${formatDate(v.receivedOn)}`, `About: ${v.about ?? ''}`]}
      onCancel={cancel}
      onSubmit={() =>
        send(() => {
          const about = (v.about ?? '').trim();
          if (!ISO_DATE.test(v.receivedOn ?? '')) return 'Enter the date the enquiry came.';
          if (!about) return 'Say what the carer asked about.';
          return { kind: 'record-carer-enquiry', carer: carer.reference, receivedOn: v.receivedOn as string, about };
        })
      }
    >
      <TextField label="Date the enquiry came" name="receivedOn" type="date" required value={v.receivedOn ?? ''} onInput={(x) => draft.set('receivedOn', x)} />
      <TextField label="What it was about" name="about" required hint="A few words, for example “visiting times”." value={v.about ?? ''} onInput={(x) => draft.set('about', x)} />
    </FormShell>
  );
}

export function AnswerEnquiryForm(ctx: FormContext & { carer: CarerView; today: string }) {
  const { carer } = ctx;
  const name = carer.name !== undefined ? displayText(carer.name) : 'this carer';
  const open = carer.openEnquiries ?? [];
  const { draft, write, problem, send, cancel } = useFormWrite(ctx, `answer-carer-enquiry:${carer.id}`, { enquiry: open[0]?.communication ?? '', answeredOn: ctx.today, note: '' });
  const v = draft.values;
  const enquiry = open.find((e) => e.communication === v.enquiry);
  return (
    <FormShell
      title={`Answer to ${name}’s enquiry`}
      submitLabel="Record answer"
      write={write}
      problem={problem}
      draftLines={[`Enquiry of ${enquiry ? formatDate(enquiry.receivedOn) : 'not chosen'}`, `Answered on: ${formatDate(v.answeredOn)}`]}
      onCancel={cancel}
      onSubmit={() =>
        send(() => {
          if (!enquiry) return 'Choose the enquiry that was answered.';
          if (!ISO_DATE.test(v.answeredOn ?? '')) return 'Enter the date it was answered.';
          return { kind: 'answer-carer-enquiry', carer: carer.reference, enquiry: enquiry.communication, answeredOn: v.answeredOn as string, ...(v.note?.trim() ? { note: v.note.trim() } : {}) };
        })
      }
    >
      <RadioGroup
        legend="Which enquiry"
        name="enquiry"
        value={v.enquiry ?? ''}
        onChange={(x) => draft.set('enquiry', x)}
        options={open.map((e): [string, string] => [e.communication, `Came on ${formatDate(e.receivedOn)}${e.due ? `, answer due ${formatDate(e.due)}` : ''}`])}
      />
      <TextField label="Date it was answered" name="answeredOn" type="date" required value={v.answeredOn ?? ''} onInput={(x) => draft.set('answeredOn', x)} />
      <TextArea label="Note (optional)" name="note" value={v.note ?? ''} onInput={(x) => draft.set('note', x)} />
    </FormShell>
  );
}
