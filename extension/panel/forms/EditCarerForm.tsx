/**
 * Complete a carer's details (shared/actions/edit-carer.ts): the relationship, a way to reach them
 * and, where none is recorded, their date of birth (a child carer's: who is a young carer follows), added to the RelatedPerson as the server holds it (If-Match; a newer version is a conflict).
 */
import { displayText } from '../../../shared/displayText';
import { FAMILY_RELATIONSHIPS } from '../../../shared/terminology';
import type { Action } from '../../protocol/messages';
import type { CarerView } from '../../protocol/view';
import { DateField, SelectField, TextField } from './fields';
import { FormShell } from './FormShell';
import { useFormWrite, type FormContext } from './Forms';

const RELATIONSHIP_OPTIONS: [string, string][] = [['', 'Choose…'], ...Object.entries(FAMILY_RELATIONSHIPS).map(([code, label]): [string, string] => [code, label])];

export function EditCarerForm(ctx: FormContext & { carer: CarerView }) {
  const { carer } = ctx;
  const name = carer.name !== undefined ? displayText(carer.name) : 'this carer';
  const { draft, write, problem, send, submitting, cancel } = useFormWrite(ctx, `edit-carer:${carer.id}`, { relationship: '', phone: '', email: '', birthDate: '' });
  const v = draft.values;
  const action = (versionId?: string): Action | string => {
    const phone = v.phone?.trim();
    const email = v.email?.trim();
    const birthDate = carer.birthDate === undefined ? v.birthDate?.trim() : undefined;
    if (!v.relationship && !phone && !email && !birthDate) return 'Give a relationship, a phone number, an email or a date of birth.';
    return {
      kind: 'edit-carer',
      carer: carer.reference,
      ...(versionId ? { versionId } : {}),
      ...(v.relationship ? { relationship: v.relationship } : {}),
      ...(phone ? { phone } : {}),
      ...(email ? { email } : {}),
      ...(birthDate ? { birthDate } : {}),
    };
  };
  return (
    <FormShell
      title={`Complete ${name}’s details`}
      hint="Adds what you enter to the carer’s record; nothing already recorded is removed."
      submitLabel="Save details"
      write={write}
      problem={problem}
      draftLines={[`Relationship: ${FAMILY_RELATIONSHIPS[v.relationship ?? ''] ?? 'not given'}`, `Phone: ${v.phone ?? ''}`, `Email: ${v.email ?? ''}`, `Date of birth: ${v.birthDate ?? ''}`]}
      onCancel={cancel}
      {...submitting(() => action(carer.versionId))}
      onOverwrite={(conflict) => send(() => action(conflict.versionId))}
    >
      {carer.relationships.length === 0 ? (
        <SelectField label="Relationship to the patient" name="relationship" value={v.relationship ?? ''} onChange={(x) => draft.set('relationship', x)} options={RELATIONSHIP_OPTIONS} />
      ) : null}
      <TextField label="Phone" name="phone" type="tel" value={v.phone ?? ''} onInput={(x) => draft.set('phone', x)} />
      <TextField label="Email" name="email" type="email" value={v.email ?? ''} onInput={(x) => draft.set('email', x)} />
      {carer.birthDate === undefined ? (
        <DateField label="Date of birth" name="birthDate" hint="A carer under 18 is a young carer (Children Act 1989 s.17ZA)." value={v.birthDate ?? ''} onInput={(x) => draft.set('birthDate', x)} />
      ) : null}
    </FormShell>
  );
}
