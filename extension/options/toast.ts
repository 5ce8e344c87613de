import { t } from '../shared/i18n.ts';

const toast = document.querySelector<HTMLElement>('#toast')!;
const text = toast.querySelector<HTMLElement>('.toast-text')!;
const undoButton = toast.querySelector<HTMLButtonElement>('[data-action="undo"]')!;
let timer: ReturnType<typeof setTimeout> | undefined;
let undoAction: (() => Promise<void>) | undefined;

function hide(): void {
  toast.hidden = true;
  undoAction = undefined;
  clearTimeout(timer);
}

undoButton.addEventListener('click', async () => {
  const action = undoAction;
  hide();
  await action?.();
});

/** A short message at the bottom of the page, with an Undo button when `undo` is given. */
export function showToast(message: string, undo?: () => Promise<void>, ms = 10_000): void {
  clearTimeout(timer);
  text.textContent = message;
  undoAction = undo;
  undoButton.hidden = !undo;
  undoButton.textContent = t('undo');
  toast.hidden = false;
  timer = setTimeout(hide, ms);
}
