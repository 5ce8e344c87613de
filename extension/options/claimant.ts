import type { Claimant } from '../../src/registry/schema.ts';
import type { Registry } from '../../src/registry/store.ts';
import { t } from '../shared/i18n.ts';

const FIELDS: Array<keyof Claimant> = ['name', 'address', 'email', 'phone', 'signature'];

/** The claimant form: who sends notices, filled into every template. */
export async function mountClaimant(registry: Registry): Promise<void> {
  const form = document.querySelector<HTMLFormElement>('#claimant')!;
  const status = document.querySelector<HTMLElement>('#claimant-status')!;
  const input = (field: keyof Claimant) => form.elements.namedItem(`claimant-${field}`) as HTMLInputElement | HTMLTextAreaElement;

  const { claimant } = await registry.getSettings();
  for (const field of FIELDS) input(field).value = claimant[field];

  form.addEventListener('input', () => (status.textContent = ''));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const saved = Object.fromEntries(FIELDS.map((field) => [field, input(field).value.trim()])) as unknown as Claimant;
    await registry.saveClaimant(saved);
    status.textContent = t('saved');
  });
}
