// The catalog browser's state: the paged list for a search and a kind, the
// selected item and its detail, the item open in the designer, and the edits
// made from there (save, delete, undo, import). One instance lives as long as
// the app, so the search and the selection are still there when the user
// comes back from another view; the catalog view, its detail pane, the
// sidebar's kind filter and the model map all read and change it.
import { tick } from 'svelte';
import type { CatalogItemDetail, ItemKind, ItemRef } from '../../lib/bindings';
import { api, CommandError, errorMessage } from '../../lib/api';
import { countsOfRuns, type KindCount, type KindFilter } from '../../lib/catalog';
import { cursorAfter, debounce, LatestOnly, mergePage, PAGE_SIZE, type Paged } from '../../lib/paging';
import { kindRuns } from '../../lib/virtual-list';
import { undoneMessage } from '../../lib/undo';
import { lang, t } from '../../lib/lang.svelte';

/** Shows a short message at the bottom of the window (an error stays longer). */
export type Toast = (text: string, error?: boolean) => void;

export class CatalogBrowser {
  search = $state('');
  kind = $state<KindFilter>('all');
  // The loaded pages of the list (raw: a million items are not made deeply reactive).
  paged = $state.raw<Paged>({ items: [], complete: false });
  loadingMore = $state(false);
  /** Bumped when a new first page replaces the list (the list scrolls to the top). */
  listVersion = $state(0);
  totalCount = $state<KindCount | null>(null);
  /** Counts per kind of the last list over all kinds (shown while a kind is chosen). */
  allCounts = $state<Record<KindFilter, KindCount> | null>(null);
  pageRows = $state(10);
  importOpen = $state(false);
  /** The import runs set aside: the catalog behind it is in use. */
  importAside = $state(false);
  selectedId = $state<number | null>(null);
  detail = $state<CatalogItemDetail | null>(null);
  detailError = $state<string | null>(null);
  loaded = $state(false);
  /** The item open in the designer: an existing code, or null for a new item of `kind`. */
  editing = $state<{ code: string | null; kind: ItemKind } | null>(null);
  /** The designer holds changes that are not saved. */
  designerDirty = $state(false);
  /** Bumped after an edit or an import: the model map reloads. */
  refreshKey = $state(0);
  /** The query the shown list answers (its search text highlights the matches). */
  listQuery = $state.raw<{ text: string; kind: KindFilter }>({ text: '', kind: 'all' });

  searchInput = $state<HTMLInputElement>();
  listElement = $state<HTMLElement>();
  /** The detail pane (or the designer in it). */
  detailElement = $state<HTMLElement>();

  readonly items = $derived(this.paged.items);
  readonly runs = $derived(kindRuns(this.paged.items));
  readonly listCounts = $derived(countsOfRuns(this.runs, this.paged.complete));
  readonly counts = $derived.by(() => {
    if (this.kind === 'all' || !this.allCounts) return this.listCounts;
    return { ...this.allCounts, [this.kind]: this.listCounts[this.kind] };
  });
  readonly selectedCode = $derived(this.items.find((i) => i.id === this.selectedId)?.code ?? null);

  // Answers can arrive out of order while typing; only the latest list counts,
  // and a page of an older list is dropped.
  private readonly listGuard = new LatestOnly();
  // Search as you type: the list reloads 120 ms after the last key.
  private readonly typed = debounce((text: string, k: KindFilter) => void this.loadList(text, k), 120);
  private detailRequest = 0;
  private firstLoad = true;
  private readonly toast: Toast;
  private readonly onfatal: (message: string) => void;

  /**
   * Made while a component starts (its effects live as long as that component).
   * `onfatal` hears of a list that cannot be read at all.
   */
  constructor(toast: Toast, onfatal: (message: string) => void) {
    this.toast = toast;
    this.onfatal = onfatal;
    $effect(() => {
      const text = this.search;
      const k = this.kind;
      if (this.firstLoad) {
        this.firstLoad = false;
        void this.loadList(text, k);
      } else {
        this.typed(text, k);
      }
    });

    // Keep the selection on a loaded item: the first one when it drops out.
    $effect(() => {
      if (!this.loaded) return;
      if (this.selectedId === null || !this.isLoaded(this.selectedId)) {
        this.selectedId = this.items[0]?.id ?? null;
      }
    });
  }

  isLoaded(id: number): boolean {
    return this.items.some((i) => i.id === id);
  }

  /** After an edit: reload the list, the detail and the map, and select `id`. */
  async refreshAfterEdit(id: number | null) {
    this.typed.cancel();
    await this.loadList(this.search, this.kind);
    if (id !== null && !this.isLoaded(id)) {
      this.search = '';
      this.kind = 'all';
      this.typed.cancel();
      await this.loadList('', 'all');
    }
    this.selectedId = id ?? this.items[0]?.id ?? null;
    void this.loadDetail(this.selectedId);
    this.refreshKey += 1;
  }

  openDesigner(code: string | null, newKind: ItemKind = 'service') {
    this.editing = { code, kind: newKind };
  }

  async onSaved(ref: ItemRef) {
    this.editing = null;
    this.toast(t('app.saved', { name: ref.name }));
    await this.refreshAfterEdit(ref.id);
  }

  async undoLastEdit() {
    try {
      const undone = await api.catalogUndo();
      this.toast(undoneMessage(undone, lang()));
      // An open designer (it has no unsaved changes, or the undo was refused)
      // reloads the item when the undo changed it, and closes otherwise: the
      // undo may have removed or renamed what it shows.
      if (this.editing) {
        this.editing = undone.item && this.editing.code === undone.item.code ? { ...this.editing } : null;
      }
      await this.refreshAfterEdit(undone.item?.id ?? null);
    } catch (error) {
      if (error instanceof CommandError && error.kind === 'nothing_to_undo') this.toast(t('app.nothingToUndo'));
      else this.toast(errorMessage(error), true);
    }
  }

  async deleteSelected() {
    const item = this.items.find((i) => i.id === this.selectedId);
    if (!item) return;
    try {
      await api.catalogDelete(item.code);
      this.toast(t('app.deleted', { name: item.name }));
      await this.refreshAfterEdit(null);
    } catch (error) {
      this.toast(errorMessage(error), true);
    }
  }

  /** An item chosen on the model map: selected here and opened in the designer. */
  openFromMap(code: string) {
    const found = this.items.find((i) => i.code === code);
    if (found) this.selectedId = found.id;
    this.openDesigner(code);
  }

  private noteCounts(query: { text: string; kind: KindFilter }) {
    if (query.kind !== 'all') return;
    this.allCounts = countsOfRuns(kindRuns(this.paged.items), this.paged.complete);
    if (query.text.trim() === '') this.totalCount = this.allCounts.all;
  }

  async loadList(text: string, k: KindFilter) {
    const token = this.listGuard.next();
    const query = { text, kind: k };
    this.loadingMore = false;
    try {
      const page = await api.catalogPage({ text, kind: k === 'all' ? null : k, limit: PAGE_SIZE, after: null });
      if (!this.listGuard.isCurrent(token)) return;
      this.listQuery = query;
      this.paged = mergePage({ items: [], complete: false }, page, PAGE_SIZE);
      this.listVersion += 1;
      this.noteCounts(query);
      this.loaded = true;
    } catch (error) {
      if (this.listGuard.isCurrent(token)) this.onfatal(errorMessage(error));
    }
  }

  /** The next page of the current list, after its last item (keyset paging). */
  async loadMore() {
    if (this.paged.complete || this.loadingMore || (this.importOpen && !this.importAside)) return;
    const token = this.listGuard.latest();
    const query = this.listQuery;
    this.loadingMore = true;
    try {
      const page = await api.catalogPage({
        text: query.text,
        kind: query.kind === 'all' ? null : query.kind,
        limit: PAGE_SIZE,
        after: cursorAfter(this.paged.items),
      });
      if (!this.listGuard.isCurrent(token)) return;
      this.paged = mergePage(this.paged, page, PAGE_SIZE);
      this.noteCounts(query);
    } catch (error) {
      if (this.listGuard.isCurrent(token)) this.toast(errorMessage(error), true);
    } finally {
      if (this.listGuard.isCurrent(token)) this.loadingMore = false;
    }
  }

  async loadDetail(id: number | null) {
    const request = ++this.detailRequest;
    if (id === null) {
      this.detail = null;
      return;
    }
    try {
      const result = await api.catalogItem(id);
      if (request !== this.detailRequest) return;
      this.detail = result;
      this.detailError = null;
    } catch (error) {
      if (request === this.detailRequest) this.detailError = errorMessage(error);
    }
  }

  /** After an import: the list and the map show the new catalog. */
  async afterImport() {
    this.typed.cancel();
    await this.loadList(this.search, this.kind);
    this.refreshKey += 1;
  }

  /** The selected item's detail gets the focus (Enter in the list or the search). */
  openSelected() {
    if (this.selectedId === null) return;
    void tick().then(() => this.detailElement?.focus());
  }

  /** An item named in another item's detail: shown in the full list if it is not in this one. */
  navigate(ref: ItemRef) {
    if (!this.isLoaded(ref.id)) {
      this.search = '';
      this.kind = 'all';
    }
    this.selectedId = ref.id;
  }

  /** Ctrl+K or / anywhere: the search text is selected for typing over. */
  selectSearch() {
    this.searchInput?.select();
  }
}
