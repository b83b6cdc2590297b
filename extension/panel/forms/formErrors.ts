import { createContext } from 'preact';
import { useContext, useEffect, useId, useMemo, useRef, useState } from 'preact/hooks';

/**
 * How a form's fields and its shell share errors (NHS.UK error summary + inline errors): each field
 * registers how to check itself; on submit the shell asks every field, lists the problems in a
 * summary whose links move focus to the field, and each field shows its own message beside it.
 * @see https://service-manual.nhs.uk/design-system/components/error-summary
 */

export interface FieldCheck {
  /** The element the summary's link focuses (the first input of a group). */
  targetId: string;
  /** The error message, or undefined when the field is fine. */
  check: () => string | undefined;
}

export interface FieldError {
  name: string;
  targetId: string;
  message: string;
}

export interface FormErrorsContext {
  register: (name: string, field: { current: FieldCheck }) => () => void;
  errorFor: (name: string) => string | undefined;
}

export const FormErrors = createContext<FormErrorsContext | undefined>(undefined);

/** A field's stable ids, its current error, and its registration with the form around it (if any). */
export function useFieldErrors(name: string, field: Omit<FieldCheck, 'targetId'> & { targetId?: string }) {
  const id = `f-${name}-${useId()}`;
  const ctx = useContext(FormErrors);
  const latest = useRef<FieldCheck>({ targetId: field.targetId ?? id, check: field.check });
  latest.current = { targetId: field.targetId ?? id, check: field.check };
  useEffect(() => ctx?.register(name, latest), [ctx, name]);
  const error = ctx?.errorFor(name);
  return { id, errorId: `${id}-error`, hintId: `${id}-hint`, error };
}

/** The ids that describe a control: its hint and, when there is one, its error. */
export const describedBy = (...ids: (string | false | undefined)[]): string | undefined => {
  const present = ids.filter((x): x is string => typeof x === 'string' && x !== '');
  return present.length > 0 ? present.join(' ') : undefined;
};

/**
 * The form's side: the context its fields register with, and `check()`, which asks every field,
 * shows each one's error beside it and returns them in the order the fields are on screen.
 */
export function useFieldChecks(formRef: { current: HTMLElement | null }) {
  const fields = useRef(new Map<string, { current: FieldCheck }>()).current;
  const [errors, setErrors] = useState<readonly FieldError[]>([]);
  const context = useMemo<FormErrorsContext>(
    () => ({
      register: (name, field) => {
        fields.set(name, field);
        return () => {
          if (fields.get(name) === field) fields.delete(name);
        };
      },
      errorFor: (name) => errors.find((e) => e.name === name)?.message,
    }),
    [errors],
  );
  const check = (): FieldError[] => {
    const found = [...fields.entries()].flatMap(([name, field]) => {
      const message = field.current.check();
      return message ? [{ name, targetId: field.current.targetId, message }] : [];
    });
    const doc = formRef.current?.ownerDocument;
    const at = (e: FieldError): Node | null => doc?.getElementById(e.targetId) ?? null;
    found.sort((a, b) => {
      const pa = at(a);
      const pb = at(b);
      if (!pa || !pb) return 0;
      return pa.compareDocumentPosition(pb) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
    });
    setErrors(found);
    return found;
  };
  return { context, errors, check };
}
