/**
 * "Which carer is this decision for?": a consent decision opened from a prompt that names no carer
 * (a Consent naming nobody of this patient's) first asks for the carer, then is the consent form
 * for them. Nothing is written until the clinician records the decision against that carer; the new
 * decision cites the one naming nobody (`settles`), which is kept as the patient made it.
 */
import { useState } from 'preact/hooks';
import { displayText } from '../../../shared/displayText';
import type { ReadyView } from '../../protocol/view';
import { SelectField } from './fields';
import { ConsentForm, type FormContext } from './Forms';

export function WhichCarerConsentForm(ctx: FormContext & { view: ReadyView; settles?: `Consent/${string}` }) {
  const { view } = ctx;
  const [chosen, setChosen] = useState('');
  const carers = view.carers.filter((c) => c.carerStatus === 'carer' && c.active);
  const carer = carers.find((c) => c.reference === chosen);
  if (carer) return <ConsentForm {...ctx} carer={carer} carers={view.carers} defaults={view.formDefaults} {...(ctx.settles ? { settles: ctx.settles } : {})} />;
  return (
    <form class="form" aria-label="Which carer is this decision for?" onSubmit={(event) => event.preventDefault()}>
      <h3 class="form__title">Which carer is this decision for?</h3>
      {carers.length === 0 ? (
        <p class="form__hint">No carer is recorded for this patient. Add the carer first, then record the decision for them.</p>
      ) : (
        <SelectField
          label="The carer the decision is about"
          name="carer"
          required
          value={chosen}
          onChange={setChosen}
          options={[['', 'Choose…'], ...carers.map((c): [string, string] => [c.reference, c.name !== undefined ? displayText(c.name) : 'Name not recorded'])]}
        />
      )}
      <div class="form__buttons">
        <button type="button" class="button button--secondary" onClick={() => ctx.onClose()}>
          Cancel
        </button>
      </div>
    </form>
  );
}
