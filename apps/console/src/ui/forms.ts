import type { TargetedSubmitEvent } from 'preact';

/** The text fields of a submitted form, by name (unchecked boxes are absent). */
function formValues(form: HTMLFormElement): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of new FormData(form)) {
    if (typeof value === 'string') values[name] = value;
  }
  return values;
}

/** Every checked value of a group of checkboxes sharing a name. */
export function checkedValues(form: HTMLFormElement, name: string): string[] {
  return new FormData(form).getAll(name).filter((value) => typeof value === 'string');
}

/** A submit handler that keeps the page and hands over the form's values (and the form). */
export function submitted(handle: (values: Record<string, string>, form: HTMLFormElement) => void) {
  return (event: TargetedSubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    handle(formValues(event.currentTarget), event.currentTarget);
  };
}
