// What the map's custom nodes and edges share with the map: the flow types and
// the current highlight (read through getters, so it stays reactive).
import { createContext } from 'svelte';
import type { Edge, Node } from '@xyflow/svelte';
import type { EdgeKind, ItemKind, ItemStatus } from '../../lib/bindings';
import type { Highlight } from '../../lib/model-map';

export type ItemNodeData = { code: string; name: string; kind: ItemKind; status: ItemStatus };
export type ItemFlowNode = Node<ItemNodeData, 'item'>;

export type KindEdgeData = { kind: EdgeKind; label: string; labelled: boolean };
export type KindFlowEdge = Edge<KindEdgeData, 'kind'>;

export interface MapView {
  /** The hovered (or else the selected) node with its neighbours. */
  readonly highlight: Highlight | null;
  /** Only a hover dims what is not highlighted. */
  readonly dimOthers: boolean;
  /** The node of the item open in the designer. */
  readonly selectedId: string | null;
  /** The node the map's search went to. */
  readonly foundId: string | null;
  /** Prefix of the arrowhead marker ids, unique per map. */
  readonly markerPrefix: string;
}

export const [getMapView, setMapView] = createContext<MapView>();

/** Handle ids: a card can be left and entered on both sides. */
export function sourceHandle(side: 'left' | 'right'): string {
  return `s-${side}`;
}

export function targetHandle(side: 'left' | 'right'): string {
  return `t-${side}`;
}
