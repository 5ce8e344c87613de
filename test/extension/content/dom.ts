import { Window } from 'happy-dom';

/** A page built from an HTML string, in happy-dom: enough for selectors, attributes and computed styles. */
export function page(html: string, url = 'https://example.com/'): Document {
  const window = new Window({ url });
  window.document.body.innerHTML = html;
  return window.document as unknown as Document;
}
