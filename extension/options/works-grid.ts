import { matchesSearch, type Registry, type WorkPage, type WorkQuery } from '../../src/registry/store.ts';
import { t } from '../shared/i18n.ts';
import { onRegistryChanged, registryChanged } from './events.ts';
import { showToast } from './toast.ts';
import { hasAuthorshipRecord, hasCmi } from './work-facts.ts';

/** A work as the grid gets it from `pageWorks` (no fingerprint needed). */
export type GridWork = WorkPage['works'][number];

/** Cells are at least this wide; the grid fits as many columns as the width allows. */
const CELL_MIN_WIDTH = 168;
const GAP = 12;
/** Height of one row of cells, gap included: fixed, so row positions are arithmetic. */
const ROW_HEIGHT = 232;
/** Rows rendered above and below the visible ones, so a short scroll shows no blanks. */
const OVERSCAN_ROWS = 2;
/** Works fetched at once while scrolling an unfiltered registry. */
const PAGE_SIZE = 120;
/** Pages kept in memory; older ones are dropped as the creator scrolls on. */
const MAX_CACHED_PAGES = 40;

interface Filters {
  ai: boolean;
  authorship: boolean;
  cmi: boolean;
}

interface Cell {
  item: HTMLLIElement;
  /** Object URL of the thumbnail, revoked when the cell leaves the grid. */
  url?: string;
  /** What the cell shows, so scrolling re-fills only cells whose work or place changed. */
  work?: GridWork;
  index?: number;
}

export interface WorksGrid {
  refresh(): Promise<void>;
  /** Asks for confirmation-free deletion with an Undo toast; used by the detail view too. */
  deleteWithUndo(ids: string[]): Promise<void>;
}

/**
 * The registry as a virtualised grid of thumbnails: only the rows in view exist in the DOM, and
 * thumbnails are object URLs revoked as their rows leave. The order of all works is read once
 * per change as ids (`workIds`, index keys only) and the works in view are read by id, a page at
 * a time; with a search or a filter, the matching works are read once per query (`pageWorks`)
 * and paged locally.
 */
export function mountWorksGrid(registry: Registry, openWork: (id: string) => void): WorksGrid {
  const section = document.querySelector<HTMLElement>('#works-section')!;
  const viewport = section.querySelector<HTMLElement>('#works-viewport')!;
  const sizer = section.querySelector<HTMLElement>('#works-sizer')!;
  const list = section.querySelector<HTMLUListElement>('#works')!;
  const empty = section.querySelector<HTMLElement>('#works-empty')!;
  const count = section.querySelector<HTMLElement>('#works-count')!;
  const loading = section.querySelector<HTMLElement>('#works-loading')!;
  const template = document.querySelector<HTMLTemplateElement>('#work-item')!;
  const searchInput = section.querySelector<HTMLInputElement>('input[name="search-works"]')!;
  const sortSelect = section.querySelector<HTMLSelectElement>('select[name="sort-works"]')!;
  const filterInputs = {
    ai: section.querySelector<HTMLInputElement>('input[name="filter-ai"]')!,
    authorship: section.querySelector<HTMLInputElement>('input[name="filter-authorship"]')!,
    cmi: section.querySelector<HTMLInputElement>('input[name="filter-cmi"]')!,
  };
  const selectAll = section.querySelector<HTMLInputElement>('[data-action="select-all"]')!;
  const selectionCount = section.querySelector<HTMLElement>('#selection-count')!;
  const deleteSelected = section.querySelector<HTMLButtonElement>('[data-action="delete-selected"]')!;
  const clearSelection = section.querySelector<HTMLButtonElement>('[data-action="clear-selection"]')!;
  const number = new Intl.NumberFormat(document.documentElement.lang);

  let query: WorkQuery = { sort: 'addedAt', direction: 'desc', search: '' };
  let filters: Filters = { ai: false, authorship: false, cmi: false };
  let total = 0;
  let registered = 0;
  /** Bumped on every change of query or registry: answers to older requests are dropped. */
  let generation = 0;
  const pages = new Map<number, GridWork[]>();
  const requested = new Set<number>();
  /** Without a search or filter: the ids of all works in order (index keys only); works are read by page. */
  let order: string[] = [];
  /** With a search or filter: every matching work, in order. */
  let matching: GridWork[] | undefined;
  /**
   * Every work in the current order, read by the first search or filter (one scan of all metadata)
   * and kept until the registry or the order changes: further searches and filters are then local.
   */
  let catalogue: { order: string; works: GridWork[] } | undefined;
  const cells = new Map<string, Cell>();
  const selected = new Set<string>();
  let anchor: number | undefined;
  let columns = 1;
  let frame = 0;

  const narrowed = () => Boolean(query.search?.trim()) || filters.ai || filters.authorship || filters.cmi;

  function passes(work: GridWork): boolean {
    return matchesSearch(work, query.search ?? '') && (!filters.ai || work.authorship.aiGenerated) && (!filters.authorship || hasAuthorshipRecord(work.authorship)) && (!filters.cmi || hasCmi(work.cmi));
  }

  function workAt(index: number): GridWork | undefined {
    if (matching) return matching[index];
    return pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];
  }

  async function loadPage(page: number): Promise<void> {
    if (requested.has(page)) return;
    requested.add(page);
    const asked = generation;
    const ids = order.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
    const found = new Map((await registry.getWorkSummaries(ids)).map((work) => [work.id, work]));
    if (asked !== generation) return;
    // A work deleted meanwhile leaves a gap until the reload its deletion triggers.
    pages.set(page, ids.map((id) => found.get(id)).filter((work) => work !== undefined));
    while (pages.size > MAX_CACHED_PAGES) {
      const oldest = pages.keys().next().value!;
      pages.delete(oldest);
      requested.delete(oldest);
    }
    schedule();
  }

  function schedule(): void {
    if (!frame) frame = requestAnimationFrame(render);
  }

  function layout(): void {
    const width = viewport.clientWidth - GAP;
    columns = Math.max(1, Math.floor((width + GAP) / (CELL_MIN_WIDTH + GAP)));
    const rows = Math.ceil(total / columns);
    sizer.style.height = `${rows * ROW_HEIGHT + GAP}px`;
    list.style.gridTemplateColumns = `repeat(${columns}, minmax(0, 1fr))`;
    // Short registries get a short box; long ones scroll inside it, below the page's other sections.
    viewport.style.height = total === 0 ? '' : `${Math.min(Math.max(rows, 1) * ROW_HEIGHT + GAP, Math.max(ROW_HEIGHT + GAP, window.innerHeight * 0.7))}px`;
    viewport.classList.toggle('is-empty', total === 0);
    empty.hidden = total > 0;
    empty.textContent = t(registered === 0 ? 'worksEmpty' : 'worksNoneMatch');
    count.textContent = narrowed() ? t('worksCountOf', [number.format(total), number.format(registered)]) : number.format(registered);
    schedule();
  }

  function badges(work: GridWork): HTMLElement[] {
    const out: HTMLElement[] = [];
    const badge = (key: string, kind: string) => {
      const span = document.createElement('span');
      span.className = `badge ${kind}`;
      span.textContent = t(key);
      out.push(span);
    };
    if (work.authorship.aiGenerated) badge('badgeAi', 'ai');
    if (hasAuthorshipRecord(work.authorship)) badge('badgeAuthorship', 'authorship');
    if (work.cmi.c2pa) badge('badgeC2pa', 'cmi');
    else if (hasCmi(work.cmi)) badge('badgeCmi', 'cmi');
    return out;
  }

  function fill(item: HTMLLIElement, work: GridWork, index: number): void {
    item.dataset.index = String(index);
    const title = item.querySelector<HTMLElement>('.title')!;
    if (title.textContent !== work.title) {
      title.textContent = work.title;
      title.title = work.title;
      item.querySelector<HTMLImageElement>('img')!.alt = work.title;
    }
    const meta = `${work.width}×${work.height} · ${work.fileName}`;
    const metaEl = item.querySelector<HTMLElement>('.meta')!;
    if (metaEl.textContent !== meta) {
      metaEl.textContent = meta;
      metaEl.title = work.fileName;
    }
    item.querySelector('.badges')!.replaceChildren(...badges(work));
    const checked = selected.has(work.id);
    item.querySelector<HTMLInputElement>('[data-action="select"]')!.checked = checked;
    item.classList.toggle('selected', checked);
  }

  function newCell(work: GridWork): Cell {
    const item = template.content.firstElementChild!.cloneNode(true) as HTMLLIElement;
    item.dataset.workId = work.id;
    const remove = item.querySelector<HTMLButtonElement>('[data-action="delete"]')!;
    remove.textContent = t('delete');
    remove.title = t('delete');
    item.querySelector<HTMLElement>('.select')!.title = t('select');
    const cell: Cell = { item };
    void registry.getThumbnail(work.id).then((thumbnail) => {
      if (!thumbnail || cells.get(work.id) !== cell) return;
      cell.url = URL.createObjectURL(new Blob([thumbnail.bytes], { type: thumbnail.type }));
      item.querySelector('img')!.src = cell.url;
    });
    return cell;
  }

  function dropCell(id: string): void {
    const cell = cells.get(id);
    if (!cell) return;
    if (cell.url) URL.revokeObjectURL(cell.url);
    cells.delete(id);
  }

  function placeholder(index: number): HTMLLIElement {
    const item = document.createElement('li');
    item.className = 'work placeholder';
    item.dataset.index = String(index);
    item.setAttribute('aria-hidden', 'true');
    return item;
  }

  function render(): void {
    frame = 0;
    const top = viewport.scrollTop;
    const height = viewport.clientHeight || ROW_HEIGHT;
    const firstRow = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN_ROWS);
    const lastRow = Math.min(Math.ceil(total / columns) - 1, Math.floor((top + height) / ROW_HEIGHT) + OVERSCAN_ROWS);
    const from = firstRow * columns;
    const to = Math.min(total, (lastRow + 1) * columns);
    list.style.transform = `translateY(${firstRow * ROW_HEIGHT}px)`;

    const items: HTMLLIElement[] = [];
    const visible = new Set<string>();
    let missing = false;
    for (let index = from; index < to; index++) {
      const work = workAt(index);
      if (!work) {
        missing = true;
        if (!matching) void loadPage(Math.floor(index / PAGE_SIZE));
        items.push(placeholder(index));
        continue;
      }
      let cell = cells.get(work.id);
      if (!cell) {
        cell = newCell(work);
        cells.set(work.id, cell);
      }
      if (cell.work !== work || cell.index !== index) {
        fill(cell.item, work, index);
        cell.work = work;
        cell.index = index;
      }
      visible.add(work.id);
      items.push(cell.item);
    }
    for (const id of [...cells.keys()]) if (!visible.has(id)) dropCell(id);
    // Only touch the DOM when the rendered set changed: scrolling within a row costs nothing.
    const current = list.children;
    if (current.length !== items.length || items.some((item, i) => current[i] !== item)) list.replaceChildren(...items);
    loading.hidden = !missing;
  }

  async function reload(): Promise<void> {
    generation++;
    const asked = generation;
    loading.hidden = false;
    if (narrowed()) {
      const orderKey = `${query.sort}:${query.direction}`;
      if (catalogue?.order !== orderKey) {
        const all = await registry.pageWorks({ ...query, search: '', filter: () => true, offset: 0, limit: Number.MAX_SAFE_INTEGER });
        if (asked !== generation) return;
        catalogue = { order: orderKey, works: all.works };
      }
      pages.clear();
      requested.clear();
      registered = catalogue.works.length;
      matching = catalogue.works.filter(passes);
      total = matching.length;
    } else {
      // The order once (keys only); each page in view is then read by id.
      const ids = await registry.workIds(query);
      if (asked !== generation) return;
      pages.clear();
      requested.clear();
      matching = undefined;
      order = ids;
      registered = total = ids.length;
    }
    if (registered === 0) selected.clear();
    layout();
    updateSelection();
  }

  // ------------------------------------------------------------------ selection

  function updateSelection(): void {
    const n = selected.size;
    selectionCount.textContent = n > 0 ? t('selectedCount', number.format(n)) : '';
    deleteSelected.disabled = n === 0;
    clearSelection.hidden = n === 0;
    selectAll.checked = n > 0 && n >= total;
    selectAll.indeterminate = n > 0 && n < total;
    for (const [id, cell] of cells) {
      const on = selected.has(id);
      cell.item.classList.toggle('selected', on);
      cell.item.querySelector<HTMLInputElement>('[data-action="select"]')!.checked = on;
    }
  }

  /** Ids of the works at positions [from, to] of the current order. */
  function idsBetween(from: number, to: number): string[] {
    return matching ? matching.slice(from, to + 1).map((work) => work.id) : order.slice(from, to + 1);
  }

  list.addEventListener('click', async (event) => {
    const target = event.target as HTMLElement;
    const item = target.closest<HTMLLIElement>('li[data-work-id]');
    if (!item) return;
    const id = item.dataset.workId!;
    const index = Number(item.dataset.index);
    const action = target.closest<HTMLElement>('[data-action]')?.dataset.action;
    if (action === 'select') {
      const box = target as HTMLInputElement;
      if (event instanceof MouseEvent && event.shiftKey && anchor !== undefined && anchor !== index) {
        const ids = idsBetween(Math.min(anchor, index), Math.max(anchor, index));
        for (const other of ids) {
          if (box.checked) selected.add(other);
          else selected.delete(other);
        }
      } else if (box.checked) selected.add(id);
      else selected.delete(id);
      anchor = index;
      updateSelection();
    } else if (action === 'delete') {
      await deleteWithUndo([id]);
    } else if (action === 'open' || target.closest('.caption')) {
      openWork(id);
    }
  });

  selectAll.addEventListener('change', async () => {
    if (selectAll.checked) {
      for (const id of idsBetween(0, total - 1)) selected.add(id);
    } else selected.clear();
    updateSelection();
  });
  clearSelection.addEventListener('click', () => {
    selected.clear();
    updateSelection();
  });
  deleteSelected.addEventListener('click', () => void deleteWithUndo([...selected]));

  async function deleteWithUndo(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    const removed = await registry.deleteWorks(ids);
    for (const id of ids) selected.delete(id);
    await registryChanged();
    const message = removed.length === 1 ? t('deletedOne', removed[0].work.title) : t('deletedMany', number.format(removed.length));
    showToast(message, async () => {
      await registry.restoreWorks(removed);
      await registryChanged();
      showToast(t('restored', number.format(removed.length)));
    });
  }

  // ------------------------------------------------------------------ query

  let searchTimer: ReturnType<typeof setTimeout> | undefined;
  searchInput.addEventListener('input', () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => {
      query = { ...query, search: searchInput.value };
      viewport.scrollTop = 0;
      void reload();
    }, 250);
  });
  sortSelect.addEventListener('change', () => {
    const [sort, direction] = sortSelect.value.split(':') as ['addedAt' | 'title', 'asc' | 'desc'];
    query = { ...query, sort, direction };
    viewport.scrollTop = 0;
    void reload();
  });
  for (const input of Object.values(filterInputs)) {
    input.addEventListener('change', () => {
      filters = { ai: filterInputs.ai.checked, authorship: filterInputs.authorship.checked, cmi: filterInputs.cmi.checked };
      viewport.scrollTop = 0;
      void reload();
    });
  }

  viewport.addEventListener('scroll', schedule, { passive: true });
  new ResizeObserver(() => layout()).observe(viewport);
  const changed = () => {
    catalogue = undefined;
    void reload();
  };
  onRegistryChanged(changed);
  // Works registered elsewhere (the right-click menu) show up when the creator comes back.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') changed();
  });

  return { refresh: reload, deleteWithUndo };
}
