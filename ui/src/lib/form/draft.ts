/**
 * What the form's inputs hold, and the conversion to and from the {@link EndpointForm} the
 * shell reads. Event types are one comma-separated input; an empty "stale after" means none.
 */
import type { EndpointForm } from '../bindings/EndpointForm';
import type { HeaderPair } from '../bindings/HeaderPair';

export interface FormDraft {
  name: string;
  url: string;
  headers: HeaderPair[];
  events: string;
  staleAfter: string;
  notify: boolean;
}

export function emptyDraft(): FormDraft {
  // notify starts off, as an `[[endpoint]]` without `notify` does in the config.
  return { name: '', url: '', headers: [], events: '', staleAfter: '', notify: false };
}

export function toDraft(form: EndpointForm): FormDraft {
  return {
    name: form.name,
    url: form.url,
    headers: form.headers.map((header) => ({ ...header })),
    events: form.events.join(', '),
    staleAfter: form.stale_after ?? '',
    notify: form.notify,
  };
}

export function fromDraft(draft: FormDraft): EndpointForm {
  const staleAfter = draft.staleAfter.trim();
  return {
    name: draft.name.trim(),
    url: draft.url.trim(),
    headers: draft.headers.map((header) => ({ name: header.name.trim(), value: header.value })),
    events: draft.events
      .split(',')
      .map((type) => type.trim())
      .filter((type) => type !== ''),
    stale_after: staleAfter === '' ? null : staleAfter,
    notify: draft.notify,
  };
}
