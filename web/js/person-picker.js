import { api, query } from './api.js';
import { button, field, h, input, radio, replace, uid } from './dom.js';
import { fmtDate } from './format.js';
import { problemAlert } from './layout.js';

/**
 * Find a person by name (GET /persons?query=, each person shown is logged in the processing log) and pick one.
 * Calls `onPick(person | null)`.
 */
export function personPicker({ label = 'Naam van de persoon', municipality, onPick, purpose }) {
  const name = input({ name: 'person-query', autocomplete: 'off', minlength: 2 });
  const results = h('div', { 'aria-live': 'polite', class: 'person-results' });
  const group = uid('person');
  let picked = null;

  async function search() {
    if (name.value.trim().length < 2) {
      replace(results, h('p', { class: 'utrecht-paragraph' }, 'Typ minstens twee letters van de naam.'));
      return;
    }
    try {
      const headers = purpose?.() ? { 'X-Purpose': purpose() } : {};
      const persons = await api(`/persons${query({ query: name.value.trim(), municipality: municipality?.() })}`, { headers });
      if (!persons.length) {
        replace(results, h('p', { class: 'utrecht-paragraph' }, 'Geen persoon gevonden.'));
        return;
      }
      replace(results, h('fieldset', { class: 'utrecht-form-fieldset utrecht-form-fieldset--html-fieldset' },
        h('legend', { class: 'utrecht-form-fieldset__legend' }, `${persons.length} gevonden: kies een persoon`),
        persons.map((p) => radio(`${p.name}, geboren ${fmtDate(p.dateOfBirth)}`, {
          name: group, value: p.id, checked: picked?.id === p.id,
          onchange: () => { picked = p; onPick(p); },
        }))));
    } catch (e) {
      replace(results, problemAlert(e));
    }
  }

  name.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      search();
    }
  });
  const element = h('div', { class: 'person-picker' },
    h('div', { class: 'row' }, field(label, name), button('Zoek persoon', { onclick: search, class: 'utrecht-button utrecht-button--secondary-action person-search' })),
    results);
  return {
    element,
    get value() { return picked; },
    set(person) { picked = person; name.value = person?.name ?? ''; replace(results, person ? h('p', { class: 'utrecht-paragraph' }, `Gekozen: ${person.name}`) : null); },
    clear() { picked = null; name.value = ''; replace(results); onPick(null); },
  };
}
