// Pure logic of the service model map: which items and relations are drawn,
// where dagre puts them, how edges are labelled and what a hover highlights.
// No Svelte and no IPC here, so all of it is tested in node.
import { Graph, layout, type EdgeLabel, type NodeLabel } from '@dagrejs/dagre';
import type { CatalogGraph, EdgeKind, GraphEdge, GraphNode, ItemKind, ItemStatus } from './bindings';
import { translate, type Lang } from './i18n';

/** Every card has the same size, so the layout is predictable. */
export const NODE_WIDTH = 200;
export const NODE_HEIGHT = 56;
/** Free space between two columns (room for the edge labels). */
export const COLUMN_GAP = 150;
/** Free space between two cards of one column. */
export const ROW_GAP = 22;
/**
 * From this many edges of one kind at one card (an add-on for ten notebooks),
 * only the middle edge of the fan carries a visible label; the others show
 * theirs while highlighted.
 */
export const FAN_SIZE = 4;

/**
 * The map reads left to right like the service model on a whiteboard: basic
 * services first, then the services built on them, then the products they
 * bring along, then the add-ons ordered for services and products.
 */
export const KIND_TIER: Record<ItemKind, number> = { basic_service: 0, service: 1, product: 2, add_on: 3 };

export const EDGE_KINDS: readonly EdgeKind[] = ['required', 'mandatory', 'optional', 'add_on', 'goods', 'successor'];

/** The text on an edge: "required" ("erforderlich"). */
export function edgeLabel(kind: EdgeKind, lang: Lang): string {
  return translate(lang, `edge.${kind}`);
}

/** What an edge means, for the legend's tooltips. */
export function edgeMeaning(kind: EdgeKind, lang: Lang): string {
  return translate(lang, `edgeMeaning.${kind}`);
}

export type Side = 'left' | 'right';

export interface MapNode {
  /** The flow's node id: the item id as a string. */
  id: string;
  itemId: number;
  code: string;
  name: string;
  kind: ItemKind;
  status: ItemStatus;
  /** Column from the left, 0-based. */
  column: number;
  /** Top-left corner. */
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface MapEdge {
  id: string;
  /** Node ids; the edge points from `source` to `target` as in the catalog. */
  source: string;
  target: string;
  kind: EdgeKind;
  label: string;
  /** Which side of each card the edge leaves and enters. */
  sourceSide: Side;
  targetSide: Side;
  /** False for the quiet members of a fan: their label shows only when highlighted. */
  labelled: boolean;
}

export interface MapLayout {
  nodes: MapNode[];
  edges: MapEdge[];
  /** Size of the drawing. */
  width: number;
  height: number;
}

export interface MapFilter {
  /** Items of these kinds are left out, with their edges. */
  hiddenKinds?: readonly ItemKind[];
  /**
   * Only this item and its direct neighbours (after the kind filter). Ignored
   * when the item is not in the (filtered) graph.
   */
  focusCode?: string | null;
}

/** What is emphasised: a node, its direct neighbours and the edges between them. */
export interface Highlight {
  center: string;
  nodes: Set<string>;
  edges: Set<string>;
}

export function nodeId(id: number): string {
  return String(id);
}

export function edgeId(edge: GraphEdge): string {
  return `${edge.kind}:${edge.from}-${edge.to}`;
}

/**
 * The graph with hidden kinds and, with a focus, everything but the focused
 * item's neighbourhood left out. Edges to items that are not drawn and
 * duplicate edges are dropped, so the result is always consistent.
 */
export function filterGraph(graph: CatalogGraph, filter: MapFilter = {}): CatalogGraph {
  const hidden = new Set(filter.hiddenKinds ?? []);
  let nodes = graph.nodes.filter((n) => !hidden.has(n.kind));
  let edges = consistentEdges(nodes, graph.edges);

  const focus = filter.focusCode ? nodes.find((n) => n.code === filter.focusCode) : undefined;
  if (focus) {
    const keep = new Set([focus.id]);
    for (const e of edges) {
      if (e.from === focus.id) keep.add(e.to);
      if (e.to === focus.id) keep.add(e.from);
    }
    nodes = nodes.filter((n) => keep.has(n.id));
    edges = edges.filter((e) => keep.has(e.from) && keep.has(e.to));
  }
  return { nodes, edges };
}

function consistentEdges(nodes: GraphNode[], edges: GraphEdge[]): GraphEdge[] {
  const ids = new Set(nodes.map((n) => n.id));
  const seen = new Set<string>();
  const result: GraphEdge[] = [];
  for (const e of edges) {
    if (!ids.has(e.from) || !ids.has(e.to) || e.from === e.to) continue;
    const id = edgeId(e);
    if (seen.has(id)) continue;
    seen.add(id);
    result.push(e);
  }
  return result;
}

/**
 * Columns: each kind has its tier (KIND_TIER); inside a tier, items that build
 * on another item of the same tier stand one column further right (a basic
 * service that requires another basic service, a service linked from another
 * service). Tiers without items take no room.
 */
export function assignColumns(graph: CatalogGraph): Map<number, number> {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  // Edges inside one tier, oriented "foundation first".
  const inbound = new Map<number, number[]>();
  for (const e of graph.edges) {
    const from = byId.get(e.from);
    const to = byId.get(e.to);
    if (!from || !to || KIND_TIER[from.kind] !== KIND_TIER[to.kind]) continue;
    const [first, second] = e.kind === 'required' ? [to.id, from.id] : [from.id, to.id];
    const list = inbound.get(second);
    if (list) list.push(first);
    else inbound.set(second, [first]);
  }

  // Longest chain of same-tier predecessors; a cycle (which the catalog rules
  // forbid anyway) is cut where it closes.
  const depth = new Map<number, number>();
  const visiting = new Set<number>();
  const depthOf = (id: number): number => {
    const known = depth.get(id);
    if (known !== undefined) return known;
    visiting.add(id);
    let d = 0;
    for (const pred of inbound.get(id) ?? []) {
      if (visiting.has(pred)) continue;
      d = Math.max(d, depthOf(pred) + 1);
    }
    visiting.delete(id);
    depth.set(id, d);
    return d;
  };

  const width = new Map<number, number>(); // tier -> number of columns
  for (const n of graph.nodes) {
    const tier = KIND_TIER[n.kind];
    width.set(tier, Math.max(width.get(tier) ?? 0, depthOf(n.id) + 1));
  }
  const offset = new Map<number, number>();
  let next = 0;
  for (const tier of [...width.keys()].sort((a, b) => a - b)) {
    offset.set(tier, next);
    next += width.get(tier) ?? 0;
  }

  const columns = new Map<number, number>();
  for (const n of graph.nodes) {
    columns.set(n.id, (offset.get(KIND_TIER[n.kind]) ?? 0) + (depth.get(n.id) ?? 0));
  }
  return columns;
}

interface LayoutGraphLabel {
  rankdir: 'LR';
  /** The ranks are ours (the columns); dagre only orders and positions. */
  ranker: 'none';
  nodesep: number;
  edgesep: number;
  ranksep: number;
  marginx: number;
  marginy: number;
  width?: number;
  height?: number;
}

const KIND_ORDER: Record<ItemKind, number> = { basic_service: 0, service: 1, product: 2, add_on: 3 };

/** Positions every node with dagre (left to right) and labels every edge. */
export function layoutMap(graph: CatalogGraph, lang: Lang): MapLayout {
  const clean: CatalogGraph = { nodes: graph.nodes, edges: consistentEdges(graph.nodes, graph.edges) };
  if (clean.nodes.length === 0) return { nodes: [], edges: [], width: 0, height: 0 };
  const columns = assignColumns(clean);
  const column = (id: number) => columns.get(id) ?? 0;

  const g = new Graph<LayoutGraphLabel, NodeLabel, EdgeLabel>();
  g.setGraph({
    rankdir: 'LR',
    ranker: 'none',
    nodesep: ROW_GAP,
    edgesep: 10,
    // dagre halves ranksep to make room for edge labels; our columns are every
    // second rank, so the gap between two columns is this value.
    ranksep: COLUMN_GAP,
    marginx: 0,
    marginy: 0,
  });
  g.setDefaultEdgeLabel(() => ({}));

  // A stable input order gives a stable drawing.
  const sorted = [...clean.nodes].sort(
    (a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.name.localeCompare(b.name) || a.id - b.id,
  );
  for (const n of sorted) {
    g.setNode(nodeId(n.id), { width: NODE_WIDTH, height: NODE_HEIGHT, rank: 2 * column(n.id) });
  }
  // Layout edges always run left to right (lower column first); edges inside
  // one column do not take part in the layout.
  for (const e of clean.edges) {
    const a = column(e.from);
    const b = column(e.to);
    if (a === b) continue;
    const [v, w] = a < b ? [e.from, e.to] : [e.to, e.from];
    if (!g.hasEdge(nodeId(v), nodeId(w))) g.setEdge(nodeId(v), nodeId(w), { weight: e.kind === 'add_on' ? 1 : 2 });
  }

  layout(g);

  const nodes: MapNode[] = sorted.map((n) => {
    const placed = g.node(nodeId(n.id));
    return {
      id: nodeId(n.id),
      itemId: n.id,
      code: n.code,
      name: n.name,
      kind: n.kind,
      status: n.status,
      column: column(n.id),
      x: Math.round((placed.x ?? 0) - NODE_WIDTH / 2),
      y: Math.round((placed.y ?? 0) - NODE_HEIGHT / 2),
      width: NODE_WIDTH,
      height: NODE_HEIGHT,
    };
  });

  const edges: MapEdge[] = clean.edges.map((e) => {
    const a = column(e.from);
    const b = column(e.to);
    const sides: [Side, Side] = a < b ? ['right', 'left'] : a > b ? ['left', 'right'] : ['right', 'right'];
    return {
      id: edgeId(e),
      source: nodeId(e.from),
      target: nodeId(e.to),
      kind: e.kind,
      label: edgeLabel(e.kind, lang),
      sourceSide: sides[0],
      targetSide: sides[1],
      labelled: true,
    };
  });
  quietFans(edges, new Map(nodes.map((n) => [n.id, n.y])));

  const width = Math.max(...nodes.map((n) => n.x + n.width));
  const height = Math.max(...nodes.map((n) => n.y + n.height));
  return { nodes, edges, width, height };
}

/**
 * In every fan of FAN_SIZE or more edges of one kind leaving or entering one
 * card, only the middle edge (by the position of the other end) keeps its
 * label visible; every fan keeps at least one.
 */
function quietFans(edges: MapEdge[], yOf: Map<string, number>): void {
  const fans = new Map<string, { edge: MapEdge; otherY: number }[]>();
  const add = (key: string, edge: MapEdge, other: string) => {
    const entry = { edge, otherY: yOf.get(other) ?? 0 };
    const fan = fans.get(key);
    if (fan) fan.push(entry);
    else fans.set(key, [entry]);
  };
  for (const e of edges) {
    add(`from:${e.source}:${e.kind}`, e, e.target);
    add(`to:${e.target}:${e.kind}`, e, e.source);
  }
  for (const fan of fans.values()) {
    if (fan.length < FAN_SIZE) continue;
    fan.sort((a, b) => a.otherY - b.otherY || a.edge.id.localeCompare(b.edge.id));
    const middle = fan[Math.floor((fan.length - 1) / 2)];
    for (const { edge } of fan) if (edge !== middle?.edge) edge.labelled = false;
  }
  // A fan whose middle edge was quietened by another fan still shows one label.
  for (const fan of fans.values()) {
    if (fan.length < FAN_SIZE || fan.some(({ edge }) => edge.labelled)) continue;
    const middle = fan[Math.floor((fan.length - 1) / 2)];
    if (middle) middle.edge.labelled = true;
  }
}

/** The node of an item code in a layout, if drawn. */
export function nodeIdForCode(nodes: readonly MapNode[], code: string | null): string | null {
  if (code === null) return null;
  return nodes.find((n) => n.code === code)?.id ?? null;
}

/** A node, its direct neighbours and the edges that touch it; null without a node. */
export function highlightFor(edges: readonly MapEdge[], center: string | null): Highlight | null {
  if (center === null) return null;
  const nodes = new Set([center]);
  const touching = new Set<string>();
  for (const e of edges) {
    if (e.source === center || e.target === center) {
      nodes.add(e.source);
      nodes.add(e.target);
      touching.add(e.id);
    }
  }
  return { center, nodes, edges: touching };
}

/** How many items of each kind the graph has. */
export function countKinds(graph: CatalogGraph): Record<ItemKind, number> {
  const counts: Record<ItemKind, number> = { basic_service: 0, service: 0, product: 0, add_on: 0 };
  for (const n of graph.nodes) counts[n.kind] += 1;
  return counts;
}

/** Items that are not active are drawn dimmed, with their status. */
export function isInactive(status: ItemStatus): boolean {
  return status !== 'active';
}

export type NodeEmphasis = 'center' | 'neighbour' | 'dimmed' | 'normal';
export type EdgeEmphasis = 'highlighted' | 'dimmed' | 'normal';

/** How a node is drawn under a highlight; only a hover dims the rest. */
export function nodeEmphasis(highlight: Highlight | null, dimOthers: boolean, id: string): NodeEmphasis {
  if (highlight === null) return 'normal';
  if (highlight.center === id) return 'center';
  if (highlight.nodes.has(id)) return 'neighbour';
  return dimOthers ? 'dimmed' : 'normal';
}

/** How an edge is drawn under a highlight; only a hover dims the rest. */
export function edgeEmphasis(highlight: Highlight | null, dimOthers: boolean, id: string): EdgeEmphasis {
  if (highlight === null) return 'normal';
  if (highlight.edges.has(id)) return 'highlighted';
  return dimOthers ? 'dimmed' : 'normal';
}

// ---------------------------------------------------------------------------
// A readable view of a big catalog

/** The font size of a card's name at zoom 1 (ItemNode.svelte). */
export const NAME_FONT_PX = 12.5;
/** The smallest size a card's name is drawn at when the view is fitted, in CSS pixels. */
export const MIN_LABEL_PX = 11;
/**
 * The least zoom a fit goes down to: the names stay readable and a drawing
 * too big for the window is panned (or zoomed out by hand), not shrunk to dust.
 */
export const READABLE_ZOOM = MIN_LABEL_PX / NAME_FONT_PX;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Viewport {
  /** Where the drawing's origin lands on screen, and its scale. */
  x: number;
  y: number;
  zoom: number;
}

export interface Insets {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/**
 * The view of `bounds` in a window of `width` × `height`, clear of `insets`
 * (the toolbar, the legend): the whole drawing when it fits at a zoom from
 * `minZoom` to `maxZoom`, centred; else at `minZoom`, starting at its top left
 * corner (where the basic services and the first services stand), to be
 * panned from there.
 */
export function fitViewport(bounds: Rect, width: number, height: number, insets: Insets, minZoom: number, maxZoom: number): Viewport {
  const room = { width: Math.max(1, width - insets.left - insets.right), height: Math.max(1, height - insets.top - insets.bottom) };
  const fit = Math.min(room.width / Math.max(1, bounds.width), room.height / Math.max(1, bounds.height));
  const zoom = Math.min(maxZoom, Math.max(minZoom, fit));
  const axis = (start: number, size: number, inset: number, space: number) => {
    const drawn = size * zoom;
    return drawn <= space ? inset + (space - drawn) / 2 - start * zoom : inset - start * zoom;
  };
  return {
    x: axis(bounds.x, bounds.width, insets.left, room.width),
    y: axis(bounds.y, bounds.height, insets.top, room.height),
    zoom,
  };
}

/**
 * The view a fit shows: the whole drawing when it fits at a readable zoom (as
 * `fitViewport`); else, at that zoom, the card in `focus` (the selected item)
 * in the middle, or without one the drawing's top left corner.
 */
export function fitOrFocus(
  bounds: Rect,
  focus: Rect | null,
  width: number,
  height: number,
  insets: Insets,
  minZoom: number,
  maxZoom: number,
): Viewport {
  const v = fitViewport(bounds, width, height, insets, minZoom, maxZoom);
  const overflows =
    bounds.width * v.zoom > width - insets.left - insets.right + 0.5 || bounds.height * v.zoom > height - insets.top - insets.bottom + 0.5;
  return overflows && focus ? centreViewport(focus, width, height, v.zoom) : v;
}

/** The view with `rect` in the middle of a `width` × `height` window at `zoom`. */
export function centreViewport(rect: Rect, width: number, height: number, zoom: number): Viewport {
  return {
    x: width / 2 - (rect.x + rect.width / 2) * zoom,
    y: height / 2 - (rect.y + rect.height / 2) * zoom,
    zoom,
  };
}

/** Lower case without accents: "Müller" and "muller" match. */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * The drawn items a search on the map finds, best first: every word of the
 * query is in the item's name or code. An exact code comes first, then codes
 * and names that start with the query, then names with a word that does, then
 * the rest; each by name. Nothing for an empty query.
 */
export function searchNodes<T extends { code: string; name: string }>(nodes: readonly T[], query: string, limit = 8): T[] {
  const q = fold(query.trim());
  if (q === '') return [];
  const words = q.split(/\s+/);
  const rank = (n: T): number => {
    const code = fold(n.code);
    const name = fold(n.name);
    if (code === q) return 0;
    if (code.startsWith(q) || name.startsWith(q)) return 1;
    if (name.split(/[\s\-–/(),.]+/).some((w) => w.startsWith(words[0] ?? q))) return 2;
    return 3;
  };
  return nodes
    .filter((n) => {
      const text = `${fold(n.code)} ${fold(n.name)}`;
      return words.every((w) => text.includes(w));
    })
    .map((n) => ({ n, r: rank(n) }))
    .sort((a, b) => a.r - b.r || a.n.name.localeCompare(b.n.name) || a.n.code.localeCompare(b.n.code))
    .slice(0, limit)
    .map((e) => e.n);
}
