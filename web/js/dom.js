// Small DOM helpers. Text always goes in as text nodes, never as HTML, so data from the register cannot inject markup.

/** `h('p', { class: 'x' }, 'text', child)`: an element with attributes (on* keys become listeners) and children. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2).toLowerCase(), value);
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (value === true) el.setAttribute(key, '');
    else el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

export const $ = (selector, root = document) => root.querySelector(selector);
export const $$ = (selector, root = document) => [...root.querySelectorAll(selector)];

let idCounter = 0;
export const uid = (prefix) => `${prefix}-${++idCounter}`;

/** A labelled form field in the NL Design System markup. `control` is an input, select or textarea element. */
export function field(label, control, description) {
  const id = control.id || uid('f');
  control.id = id;
  const descId = description ? `${id}-desc` : undefined;
  if (descId) control.setAttribute('aria-describedby', descId);
  return h('div', { class: 'utrecht-form-field utrecht-form-field--text' },
    h('div', { class: 'utrecht-form-field__label' }, h('label', { class: 'utrecht-form-label', for: id }, label)),
    description ? h('div', { class: 'utrecht-form-field__description utrecht-form-field-description', id: descId }, description) : null,
    h('div', { class: 'utrecht-form-field__input' }, control));
}

export const input = (attrs = {}) => h('input', { class: 'utrecht-textbox utrecht-textbox--html-input', type: 'text', ...attrs });
export const textarea = (attrs = {}) => h('textarea', { class: 'utrecht-textarea utrecht-textarea--html-textarea', rows: 3, ...attrs });
export function select(options, attrs = {}) {
  return h('select', { class: 'utrecht-select utrecht-select--html-select', ...attrs },
    options.map(([value, label]) => h('option', { value }, label)));
}
export function checkbox(label, attrs = {}) {
  const id = attrs.id ?? uid('c');
  return h('div', { class: 'utrecht-form-field utrecht-form-field--checkbox' },
    h('input', { class: 'utrecht-checkbox utrecht-checkbox--html-input', type: 'checkbox', id, ...attrs }),
    h('label', { class: 'utrecht-form-label utrecht-form-label--checkbox', for: id }, label));
}
export function radio(label, attrs = {}) {
  const id = attrs.id ?? uid('r');
  return h('div', { class: 'utrecht-form-field utrecht-form-field--radio' },
    h('input', { class: 'utrecht-radio-button utrecht-radio-button--html-input', type: 'radio', id, ...attrs }),
    h('label', { class: 'utrecht-form-label utrecht-form-label--radio', for: id }, label));
}
export function fieldset(legend, ...children) {
  return h('fieldset', { class: 'utrecht-form-fieldset utrecht-form-fieldset--html-fieldset' },
    h('legend', { class: 'utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend' }, legend), ...children);
}
export function button(label, attrs = {}, kind = 'secondary') {
  return h('button', { type: 'button', class: `utrecht-button utrecht-button--${kind}-action`, ...attrs }, label);
}
export const alertBox = (kind, ...children) =>
  h('div', { class: `utrecht-alert utrecht-alert--${kind}`, role: kind === 'error' ? 'alert' : 'status' },
    h('div', { class: 'utrecht-alert__content' }, h('div', { class: 'utrecht-alert__message' }, ...children)));
