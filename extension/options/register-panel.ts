import type { Registry } from '../../src/registry/store.ts';
import { t } from '../shared/i18n.ts';
import { isImageFile, type RegisterFailure } from '../shared/register.ts';
import { registryChanged } from './events.ts';
import { RegisterPool } from './register-pool.ts';

/** A file to register and the name it is known by (its path inside a chosen or dropped folder). */
interface Candidate {
  file: File;
  name: string;
}

/** Failures listed on the page at most; the count covers them all. */
const MAX_LISTED_FAILURES = 1000;
/** During a long batch the grid and the background's index catch up this often. */
const REFRESH_EVERY_MS = 3000;

const FAILURE_KEYS: Record<RegisterFailure | 'not-image', string> = {
  'not-image': 'failureNotImage',
  unsupported: 'failureNotImage',
  undecodable: 'failureUndecodable',
  'too-large': 'failureTooLarge',
  featureless: 'failureFeatureless',
  error: 'failureError',
};

/** The entries of a dropped folder, recursively; readEntries returns them in chunks until it returns none. */
async function filesOf(entry: FileSystemEntry, out: Candidate[]): Promise<void> {
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    out.push({ file, name: entry.fullPath.replace(/^\//, '') || file.name });
    return;
  }
  if (!entry.isDirectory) return;
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  for (;;) {
    const chunk = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (chunk.length === 0) break;
    for (const child of chunk) await filesOf(child, out);
  }
}

function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '…';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return t('secondsShort', String(s));
  const m = Math.floor(s / 60);
  if (m < 60) return t('minutesShort', [String(m), String(s % 60).padStart(2, '0')]);
  return t('hoursShort', [String(Math.floor(m / 60)), String(m % 60).padStart(2, '0')]);
}

/**
 * Adding works: the file picker, a folder picker, and drag and drop of files and folders onto
 * the page; a progress bar with rate, time left and cancel; a list of files that failed and why.
 */
export function mountRegisterPanel(registry: Registry): void {
  const section = document.querySelector<HTMLElement>('#register')!;
  const dropZone = section.querySelector<HTMLElement>('#drop-zone')!;
  const filesInput = section.querySelector<HTMLInputElement>('input[name="add-works"]')!;
  const folderInput = section.querySelector<HTMLInputElement>('input[name="add-folder"]')!;
  const progressBox = section.querySelector<HTMLElement>('#register-progress')!;
  const progressBar = progressBox.querySelector('progress')!;
  const progressText = progressBox.querySelector<HTMLElement>('.progress-text')!;
  const cancelButton = progressBox.querySelector<HTMLButtonElement>('[data-action="cancel-register"]')!;
  const status = section.querySelector<HTMLElement>('#register-status')!;
  const failuresBox = section.querySelector<HTMLDetailsElement>('#register-failures-box')!;
  const failuresSummary = section.querySelector<HTMLElement>('#register-failures-summary')!;
  const failuresList = section.querySelector<HTMLUListElement>('#register-failures')!;

  let pool: RegisterPool | undefined;
  /** The running batch, if any: files added while it runs join its queue. */
  let batch: { queue: Candidate[]; total: number; done: number; added: number; known: number; failed: number; cancelled: boolean; started: number } | undefined;

  function fail(name: string, reason: RegisterFailure | 'not-image', detail = ''): void {
    batch!.failed++;
    if (failuresList.childElementCount < MAX_LISTED_FAILURES) {
      const item = document.createElement('li');
      item.dataset.reason = reason;
      item.textContent = t('registerFailed', [name, detail && reason === 'error' ? detail : t(FAILURE_KEYS[reason])]);
      failuresList.append(item);
    }
    failuresBox.hidden = false;
    failuresSummary.textContent = t('failuresSummary', String(batch!.failed));
  }

  function showProgress(): void {
    if (!batch) return;
    const elapsed = (performance.now() - batch.started) / 1000;
    const rate = elapsed > 0 ? batch.done / elapsed : 0;
    progressBar.max = Math.max(1, batch.total);
    progressBar.value = batch.done;
    const left = rate > 0 ? (batch.total - batch.done) / rate : Infinity;
    progressText.textContent = t('registerProgressDetail', [
      String(batch.done),
      String(batch.total),
      rate > 0 ? rate.toFixed(rate < 10 ? 1 : 0) : '…',
      batch.done > 0 ? formatDuration(left) : '…',
    ]);
    status.textContent = t('registerProgress', [String(batch.done), String(batch.total)]);
  }

  async function run(candidates: Candidate[]): Promise<void> {
    if (batch) {
      // Already registering: the new files join the running batch.
      for (const candidate of candidates) {
        if (isImageFile(candidate.file)) {
          batch.queue.push(candidate);
          batch.total++;
        } else {
          batch.total++;
          batch.done++;
          fail(candidate.name, 'not-image');
        }
      }
      showProgress();
      return;
    }
    failuresList.replaceChildren();
    failuresBox.hidden = true;
    failuresBox.open = false;
    batch = { queue: [], total: candidates.length, done: 0, added: 0, known: 0, failed: 0, cancelled: false, started: performance.now() };
    const current = batch;
    status.dataset.state = 'running';
    for (const candidate of candidates) {
      if (isImageFile(candidate.file)) current.queue.push(candidate);
      else {
        current.done++;
        fail(candidate.name, 'not-image');
      }
    }
    progressBox.hidden = false;
    cancelButton.disabled = false;
    showProgress();
    pool ??= new RegisterPool(registry);
    const workers = pool;
    let lastRefresh = performance.now();
    let shown = 0;
    const tick = setInterval(() => {
      if (current.done !== shown) {
        shown = current.done;
        showProgress();
      }
    }, 250);

    const lane = async () => {
      for (let next = current.queue.shift(); next && !current.cancelled; next = current.queue.shift()) {
        const outcome = await workers.register(next.file, next.name);
        current.done++;
        if (outcome.ok) {
          if (outcome.added) current.added++;
          else current.known++;
        } else {
          fail(next.name, outcome.reason, outcome.message);
        }
        if (current.added > 0 && performance.now() - lastRefresh > REFRESH_EVERY_MS) {
          lastRefresh = performance.now();
          void registryChanged();
        }
      }
    };
    try {
      // Files dropped while the last lanes finish join the queue too: run until it stays empty.
      while (current.queue.length > 0 && !current.cancelled) await Promise.all(Array.from({ length: workers.capacity }, lane));
    } finally {
      clearInterval(tick);
      batch = undefined;
    }
    progressBox.hidden = true;
    const skipped = current.queue.length;
    const summary = t('registerDone', [String(current.added), String(current.known), String(current.failed)]);
    status.textContent = current.cancelled ? `${t('registerCancelled', String(skipped))} ${summary}` : summary;
    Object.assign(status.dataset, {
      state: current.cancelled ? 'cancelled' : 'done',
      added: String(current.added),
      known: String(current.known),
      failed: String(current.failed),
      elapsedMs: String(Math.round(performance.now() - current.started)),
      mode: workers.inWorkers ? 'workers' : 'page',
    });
    await registryChanged();
  }

  filesInput.addEventListener('change', () => {
    const files = [...(filesInput.files ?? [])];
    filesInput.value = '';
    void run(files.map((file) => ({ file, name: file.name })));
  });
  folderInput.addEventListener('change', () => {
    const files = [...(folderInput.files ?? [])];
    folderInput.value = '';
    void run(files.map((file) => ({ file, name: file.webkitRelativePath || file.name })));
  });
  cancelButton.addEventListener('click', () => {
    if (!batch) return;
    batch.cancelled = true;
    cancelButton.disabled = true;
    status.textContent = t('registerCancelling');
  });

  // Dropping anywhere on the page adds works: a page-sized target is easiest to hit.
  let depth = 0;
  const hasFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;
  document.addEventListener('dragenter', (event) => {
    if (!hasFiles(event)) return;
    depth++;
    document.body.classList.add('dragging');
  });
  document.addEventListener('dragleave', (event) => {
    if (!hasFiles(event)) return;
    if (--depth <= 0) {
      depth = 0;
      document.body.classList.remove('dragging');
    }
  });
  document.addEventListener('dragover', (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    event.dataTransfer!.dropEffect = 'copy';
  });
  document.addEventListener('drop', async (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    depth = 0;
    document.body.classList.remove('dragging');
    // Entries must be taken while the event is dispatched; the data transfer is emptied after.
    const items = [...(event.dataTransfer?.items ?? [])].filter((item) => item.kind === 'file');
    const entries = items.map((item) => item.webkitGetAsEntry?.() ?? null);
    const plain = items.map((item) => item.getAsFile());
    const candidates: Candidate[] = [];
    status.textContent = t('readingFolder');
    for (const [i, entry] of entries.entries()) {
      try {
        if (entry) await filesOf(entry, candidates);
        else if (plain[i]) candidates.push({ file: plain[i], name: plain[i].name });
      } catch {
        if (plain[i]) candidates.push({ file: plain[i], name: plain[i].name });
      }
    }
    await run(candidates);
  });
  dropZone.addEventListener('click', (event) => {
    if (event.target === dropZone || (event.target as HTMLElement).classList.contains('drop-text')) filesInput.click();
  });
}
