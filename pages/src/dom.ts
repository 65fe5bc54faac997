/** Builds elements with DOM calls only: text is always text (a user agent or a name never becomes markup). */

type Attributes = Record<string, string | boolean | undefined>;
type Child = Node | string | null | undefined | false;

export function h<Tag extends keyof HTMLElementTagNameMap>(
  tag: Tag,
  attributes: Attributes = {},
  ...children: Child[]
): HTMLElementTagNameMap[Tag] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : value);
  }
  element.append(...children.filter((child): child is Node | string => child !== null && child !== undefined && child !== false));
  return element;
}

/** A labelled input with an optional hint, its error shown by the form's alert. */
export function field(options: {
  id: string;
  label: string;
  name: string;
  type?: string;
  autocomplete: string;
  hint?: string;
  attributes?: Attributes;
}): HTMLElement {
  const hintId = options.hint === undefined ? undefined : `${options.id}-hint`;
  return h(
    'div',
    { class: 'field' },
    h('label', { for: options.id }, options.label),
    h('input', {
      id: options.id,
      name: options.name,
      type: options.type ?? 'text',
      autocomplete: options.autocomplete,
      required: true,
      'aria-describedby': hintId,
      ...options.attributes,
    }),
    hintId === undefined ? null : h('p', { id: hintId, class: 'hint' }, options.hint ?? ''),
  );
}

/** The form's error line: announced when it changes, empty (and so silent) otherwise. */
export function alertLine(id: string): HTMLParagraphElement {
  return h('p', { id, class: 'error', role: 'alert' });
}

export function formValues(form: HTMLFormElement): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of new FormData(form)) if (typeof value === 'string') values[name] = value;
  return values;
}

/** Disables the form's controls while a request is out, so a double click sends one request. */
export async function whileBusy<T>(form: HTMLFormElement, work: () => Promise<T>): Promise<T> {
  const controls = [...form.querySelectorAll<HTMLButtonElement | HTMLInputElement>('button, input')];
  form.setAttribute('aria-busy', 'true');
  for (const control of controls) control.disabled = true;
  try {
    return await work();
  } finally {
    form.removeAttribute('aria-busy');
    for (const control of controls) control.disabled = false;
  }
}
