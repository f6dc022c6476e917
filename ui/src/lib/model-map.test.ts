import { describe, expect, it } from 'vitest';
import type { CatalogGraph, EdgeKind, GraphNode, ItemKind } from './bindings';
import {
  COLUMN_GAP,
  EDGE_KINDS,
  edgeLabel,
  edgeMeaning,
  FAN_SIZE,
  NODE_HEIGHT,
  NODE_WIDTH,
  ROW_GAP,
  MIN_LABEL_PX,
  NAME_FONT_PX,
  READABLE_ZOOM,
  assignColumns,
  centreViewport,
  countKinds,
  fitOrFocus,
  fitViewport,
  edgeEmphasis,
  edgeId,
  filterGraph,
  highlightFor,
  layoutMap,
  nodeEmphasis,
  nodeIdForCode,
  searchNodes,
  type MapLayout,
  type MapNode,
} from './model-map';

// The demo catalog (assets/demo.servicefolio.json) as the core's catalog_graph
// returns it: every service, basic service and add-on, and the products in a
// relation. One service is deprecated.
const DEMO: CatalogGraph = {
  nodes: [
    { id: 1, code: 'BAS-CLOUD-ZONE', name: 'Cloud zone', kind: 'basic_service', status: 'active' },
    { id: 2, code: 'BAS-M365-TENANT', name: 'Microsoft 365 tenant', kind: 'basic_service', status: 'active' },
    { id: 3, code: 'SVC-BACKUP', name: 'Backup', kind: 'service', status: 'active' },
    { id: 4, code: 'SVC-EDR', name: 'Endpoint security (EDR)', kind: 'service', status: 'active' },
    { id: 5, code: 'SVC-FIREWALL', name: 'Managed firewall', kind: 'service', status: 'active' },
    { id: 6, code: 'SVC-M365', name: 'Managed365', kind: 'service', status: 'active' },
    { id: 7, code: 'SVC-MDM', name: 'Mobile device management', kind: 'service', status: 'deprecated' },
    { id: 8, code: 'SVC-SERVICEDESK', name: 'Service desk', kind: 'service', status: 'active' },
    { id: 9, code: 'SVC-VM', name: 'Virtual machine', kind: 'service', status: 'active' },
    { id: 10, code: 'SVC-WAAS', name: 'Workplace as a Service', kind: 'service', status: 'active' },
    { id: 11, code: 'ADD-DATA-MIGRATION', name: 'Data migration', kind: 'add_on', status: 'active' },
    { id: 12, code: 'ADD-M365-MAILMIG', name: 'Mailbox migration to Microsoft 365', kind: 'add_on', status: 'active' },
    { id: 13, code: 'ADD-ONSITE-INSTALL', name: 'On-site installation', kind: 'add_on', status: 'active' },
    { id: 14, code: 'ADD-PC-REIMAGE', name: 'PC reimaging', kind: 'add_on', status: 'active' },
    { id: 18, code: 'DOC-LEN-USBC', name: 'Lenovo ThinkPad Universal USB-C Dock', kind: 'product', status: 'active' },
    { id: 25, code: 'LIC-MS-M365BP', name: 'Microsoft 365 Business Premium (annual)', kind: 'product', status: 'active' },
    { id: 34, code: 'NB-APL-MBA13M4', name: 'Apple MacBook Air 13" (M4, 2025)', kind: 'product', status: 'active' },
    { id: 35, code: 'NB-DELL-LAT5450', name: 'Dell Latitude 5450', kind: 'product', status: 'active' },
    { id: 36, code: 'NB-HP-EB840G11', name: 'HP EliteBook 840 G11', kind: 'product', status: 'active' },
    { id: 37, code: 'NB-HP-PB460G11', name: 'HP ProBook 460 G11', kind: 'product', status: 'active' },
    { id: 38, code: 'NB-LEN-T14G5', name: 'Lenovo ThinkPad T14 Gen 5', kind: 'product', status: 'active' },
    { id: 39, code: 'NB-LEN-X1CG12', name: 'Lenovo ThinkPad X1 Carbon Gen 12', kind: 'product', status: 'active' },
    { id: 41, code: 'NW-FTN-FG40F', name: 'Fortinet FortiGate 40F', kind: 'product', status: 'active' },
    { id: 51, code: 'PC-APL-MACMINI-M4', name: 'Apple Mac mini (M4, 2024)', kind: 'product', status: 'active' },
    { id: 52, code: 'PC-DELL-OPT7020M', name: 'Dell OptiPlex 7020 Micro', kind: 'product', status: 'active' },
    { id: 53, code: 'PC-HP-EM800G9', name: 'HP Elite Mini 800 G9', kind: 'product', status: 'active' },
    { id: 54, code: 'PC-LEN-M70QG5', name: 'Lenovo ThinkCentre M70q Gen 5 Tiny', kind: 'product', status: 'active' },
  ],
  edges: [
    { from: 5, to: 41, kind: 'optional' },
    { from: 6, to: 2, kind: 'required' },
    { from: 6, to: 25, kind: 'optional' },
    { from: 9, to: 1, kind: 'required' },
    { from: 9, to: 3, kind: 'optional' },
    { from: 10, to: 3, kind: 'optional' },
    { from: 10, to: 38, kind: 'goods' },
    { from: 10, to: 18, kind: 'goods' },
    { from: 11, to: 34, kind: 'add_on' },
    { from: 11, to: 35, kind: 'add_on' },
    { from: 11, to: 36, kind: 'add_on' },
    { from: 11, to: 37, kind: 'add_on' },
    { from: 11, to: 38, kind: 'add_on' },
    { from: 11, to: 39, kind: 'add_on' },
    { from: 11, to: 51, kind: 'add_on' },
    { from: 11, to: 52, kind: 'add_on' },
    { from: 11, to: 53, kind: 'add_on' },
    { from: 11, to: 54, kind: 'add_on' },
    { from: 11, to: 10, kind: 'add_on' },
    { from: 12, to: 6, kind: 'add_on' },
    { from: 13, to: 34, kind: 'add_on' },
    { from: 13, to: 35, kind: 'add_on' },
    { from: 13, to: 36, kind: 'add_on' },
    { from: 13, to: 37, kind: 'add_on' },
    { from: 13, to: 38, kind: 'add_on' },
    { from: 13, to: 39, kind: 'add_on' },
    { from: 13, to: 51, kind: 'add_on' },
    { from: 13, to: 52, kind: 'add_on' },
    { from: 13, to: 53, kind: 'add_on' },
    { from: 13, to: 54, kind: 'add_on' },
    { from: 13, to: 10, kind: 'add_on' },
    { from: 14, to: 34, kind: 'add_on' },
    { from: 14, to: 35, kind: 'add_on' },
    { from: 14, to: 36, kind: 'add_on' },
    { from: 14, to: 37, kind: 'add_on' },
    { from: 14, to: 38, kind: 'add_on' },
    { from: 14, to: 39, kind: 'add_on' },
    { from: 14, to: 51, kind: 'add_on' },
    { from: 14, to: 52, kind: 'add_on' },
    { from: 14, to: 53, kind: 'add_on' },
    { from: 14, to: 54, kind: 'add_on' },
    { from: 14, to: 10, kind: 'add_on' },
  ],
};

function node(id: number, kind: ItemKind, code = `${kind.toUpperCase()}-${id}`): GraphNode {
  return { id, kind, code, name: `Item ${id}`, status: 'active' };
}

function byCode(layout: MapLayout, code: string): MapNode {
  const found = layout.nodes.find((n) => n.code === code);
  if (!found) throw new Error(`${code} is not on the map`);
  return found;
}

function overlaps(a: MapNode, b: MapNode): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function expectNoOverlap(layout: MapLayout) {
  for (let i = 0; i < layout.nodes.length; i++) {
    for (let j = i + 1; j < layout.nodes.length; j++) {
      const a = layout.nodes[i]!;
      const b = layout.nodes[j]!;
      expect(overlaps(a, b), `${a.code} overlaps ${b.code}`).toBe(false);
    }
  }
}

/** A bigger catalog: 6 basic services, 30 services, 40 products, 8 add-ons. */
function bigCatalog(): CatalogGraph {
  const nodes: GraphNode[] = [];
  const edges: CatalogGraph['edges'] = [];
  for (let i = 1; i <= 6; i++) nodes.push(node(i, 'basic_service'));
  for (let i = 101; i <= 130; i++) nodes.push(node(i, 'service'));
  for (let i = 201; i <= 240; i++) nodes.push(node(i, 'product'));
  for (let i = 301; i <= 308; i++) nodes.push(node(i, 'add_on'));
  for (let i = 101; i <= 130; i++) {
    edges.push({ from: i, to: 1 + (i % 6), kind: 'required' });
    if (i % 3 === 0) edges.push({ from: i, to: 1 + ((i + 2) % 6), kind: 'required' });
    edges.push({ from: i, to: 201 + (i % 40), kind: 'goods' });
    edges.push({ from: i, to: 201 + ((i * 7) % 40), kind: i % 2 === 0 ? 'mandatory' : 'optional' });
    if (i % 5 === 0 && i < 130) edges.push({ from: i, to: i + 1, kind: 'optional' });
  }
  for (let i = 301; i <= 308; i++) {
    for (let p = 0; p < 5; p++) edges.push({ from: i, to: 201 + ((i + p * 9) % 40), kind: 'add_on' });
    edges.push({ from: i, to: 101 + (i % 30), kind: 'add_on' });
  }
  return { nodes, edges };
}

describe('layoutMap', () => {
  const layout = layoutMap(DEMO, 'en');

  it('places every node once, with the fixed size and a finite position', () => {
    expect(layout.nodes).toHaveLength(DEMO.nodes.length);
    expect(new Set(layout.nodes.map((n) => n.id)).size).toBe(DEMO.nodes.length);
    for (const n of layout.nodes) {
      expect(Number.isFinite(n.x), n.code).toBe(true);
      expect(Number.isFinite(n.y), n.code).toBe(true);
      expect(n.x).toBeGreaterThanOrEqual(0);
      expect(n.y).toBeGreaterThanOrEqual(0);
      expect(n.width).toBe(NODE_WIDTH);
      expect(n.height).toBe(NODE_HEIGHT);
      expect(n.x + n.width).toBeLessThanOrEqual(layout.width);
      expect(n.y + n.height).toBeLessThanOrEqual(layout.height);
    }
  });

  it('keeps the catalog data of every node', () => {
    const mdm = byCode(layout, 'SVC-MDM');
    expect(mdm).toMatchObject({ id: '7', itemId: 7, name: 'Mobile device management', kind: 'service', status: 'deprecated' });
    expect(nodeIdForCode(layout.nodes, 'SVC-WAAS')).toBe('10');
    expect(nodeIdForCode(layout.nodes, 'NOPE')).toBeNull();
    expect(nodeIdForCode(layout.nodes, null)).toBeNull();
  });

  it('lets no two cards overlap', () => {
    expectNoOverlap(layout);
  });

  it('keeps cards of one column apart by the row gap', () => {
    const columns = new Map<number, MapNode[]>();
    for (const n of layout.nodes) columns.set(n.x, [...(columns.get(n.x) ?? []), n]);
    for (const column of columns.values()) {
      const ys = column.map((n) => n.y).sort((a, b) => a - b);
      for (let i = 1; i < ys.length; i++) expect(ys[i]! - ys[i - 1]!).toBeGreaterThanOrEqual(NODE_HEIGHT + ROW_GAP - 1);
    }
  });

  it('reads left to right: basic services, services, products, add-ons', () => {
    const xs = (kind: ItemKind) => layout.nodes.filter((n) => n.kind === kind).map((n) => n.x);
    expect(Math.max(...xs('basic_service'))).toBeLessThan(Math.min(...xs('service')));
    expect(Math.max(...xs('service'))).toBeLessThan(Math.min(...xs('product')));
    expect(Math.max(...xs('product'))).toBeLessThan(Math.min(...xs('add_on')));
    // Cards of one column share x; columns are a card and a gap apart.
    const distinct = [...new Set(layout.nodes.map((n) => n.x))].sort((a, b) => a - b);
    for (let i = 1; i < distinct.length; i++) expect(distinct[i]! - distinct[i - 1]!).toBe(NODE_WIDTH + COLUMN_GAP);
    for (const n of layout.nodes) expect(n.x).toBe(n.column * (NODE_WIDTH + COLUMN_GAP));
  });

  it('puts a service offered with another service one column further right', () => {
    // Backup is optional with Virtual machine and Workplace as a Service.
    const backup = byCode(layout, 'SVC-BACKUP');
    expect(backup.column).toBe(byCode(layout, 'SVC-VM').column + 1);
    expect(backup.column).toBe(byCode(layout, 'SVC-WAAS').column + 1);
    expect(byCode(layout, 'SVC-EDR').column).toBe(1);
  });

  it('keeps every edge with its kind and label', () => {
    expect(layout.edges).toHaveLength(DEMO.edges.length);
    for (const [i, e] of DEMO.edges.entries()) {
      const drawn = layout.edges[i]!;
      expect(drawn).toMatchObject({ id: edgeId(e), source: String(e.from), target: String(e.to), kind: e.kind, label: edgeLabel(e.kind, 'en') });
    }
    const labels = Object.fromEntries(layout.edges.map((e) => [e.kind, e.label]));
    expect(labels).toEqual({ required: 'required', optional: 'optional', goods: 'goods', add_on: 'add-on' });
    expect(edgeLabel('mandatory', 'en')).toBe('mandatory');
    expect(edgeLabel('required', 'de')).toBe('erforderlich');
    expect(layoutMap(DEMO, 'de').edges.find((e) => e.kind === 'add_on')?.label).toBe('Zusatzleistung');
    expect(edgeMeaning('goods', 'en')).toBe('the service delivers the product the arrow points to');
    expect(edgeMeaning('goods', 'de')).toBe('der Service liefert das Produkt, auf das der Pfeil zeigt');
  });

  it('draws a successor between two products of one column, labelled in both languages', () => {
    // The demo's T14 Gen 4 names the Gen 5: both are products, so the product
    // tier splits and the successor stands one column to the right, read
    // left to right like old → new.
    const graph: CatalogGraph = {
      nodes: [
        { id: 37, code: 'NB-LEN-T14G4', name: 'Lenovo ThinkPad T14 Gen 4', kind: 'product', status: 'discontinued' },
        { id: 38, code: 'NB-LEN-T14G5', name: 'Lenovo ThinkPad T14 Gen 5', kind: 'product', status: 'active' },
      ],
      edges: [{ from: 37, to: 38, kind: 'successor' }],
    };
    const drawn = layoutMap(graph, 'en');
    expect(drawn.edges).toHaveLength(1);
    expect(drawn.edges[0]).toMatchObject({ source: '37', target: '38', kind: 'successor', label: 'successor', sourceSide: 'right', targetSide: 'left' });
    const column = (id: string) => drawn.nodes.find((n) => n.id === id)?.column ?? -1;
    expect(column('38')).toBe(column('37') + 1);
    expect(layoutMap(graph, 'de').edges[0]?.label).toBe('Nachfolger');
    expect(EDGE_KINDS).toContain('successor');
    expect(edgeMeaning('successor', 'de')).toBe('das Element, auf das der Pfeil zeigt, tritt an seine Stelle, wenn es ausläuft');
  });

  it('points required edges from the service to the basic service, leaving to the left', () => {
    const required = layout.edges.filter((e) => e.kind === 'required');
    expect(required).toHaveLength(2);
    const kindOf = (id: string) => layout.nodes.find((n) => n.id === id)?.kind;
    for (const e of required) {
      expect(kindOf(e.source)).toBe('service');
      expect(kindOf(e.target)).toBe('basic_service');
      expect(e.sourceSide).toBe('left');
      expect(e.targetSide).toBe('right');
    }
    const m365 = required.find((e) => e.source === nodeIdForCode(layout.nodes, 'SVC-M365'));
    expect(m365?.target).toBe(nodeIdForCode(layout.nodes, 'BAS-M365-TENANT'));
  });

  it('lets edges to the right leave on the right and add-on edges leave on the left', () => {
    for (const e of layout.edges) {
      const source = layout.nodes.find((n) => n.id === e.source)!;
      const target = layout.nodes.find((n) => n.id === e.target)!;
      if (source.x < target.x) expect([e.sourceSide, e.targetSide]).toEqual(['right', 'left']);
      else expect([e.sourceSide, e.targetSide]).toEqual(['left', 'right']);
      if (e.kind === 'goods' || e.kind === 'optional') expect(e.sourceSide).toBe('right');
      if (e.kind === 'add_on') expect(target.kind === 'product' || target.kind === 'service').toBe(true);
    }
  });

  it('gives the same drawing for the same graph in any node order', () => {
    const again = layoutMap({ nodes: [...DEMO.nodes].reverse(), edges: DEMO.edges }, 'en');
    const pos = (l: MapLayout) => Object.fromEntries(l.nodes.map((n) => [n.code, [n.x, n.y]]));
    expect(pos(again)).toEqual(pos(layout));
  });

  it('draws an empty catalog as nothing', () => {
    expect(layoutMap({ nodes: [], edges: [] }, 'en')).toEqual({ nodes: [], edges: [], width: 0, height: 0 });
  });

  it('lays out a bigger catalog without overlaps, in kind order', () => {
    const big = bigCatalog();
    const l = layoutMap(big, 'en');
    expect(l.nodes).toHaveLength(big.nodes.length);
    expectNoOverlap(l);
    const maxX = (kind: ItemKind) => Math.max(...l.nodes.filter((n) => n.kind === kind).map((n) => n.x));
    const minX = (kind: ItemKind) => Math.min(...l.nodes.filter((n) => n.kind === kind).map((n) => n.x));
    expect(maxX('basic_service')).toBeLessThan(minX('service'));
    expect(maxX('service')).toBeLessThan(minX('product'));
    expect(maxX('product')).toBeLessThan(minX('add_on'));
  });

  it('survives a cycle of links and a basic service requiring another one', () => {
    const graph: CatalogGraph = {
      nodes: [node(1, 'basic_service', 'BASE'), node(2, 'basic_service', 'ON-BASE'), node(3, 'service', 'A'), node(4, 'service', 'B')],
      edges: [
        { from: 2, to: 1, kind: 'required' },
        { from: 3, to: 2, kind: 'required' },
        { from: 3, to: 4, kind: 'optional' },
        { from: 4, to: 3, kind: 'optional' },
      ],
    };
    const l = layoutMap(graph, 'en');
    expectNoOverlap(l);
    // The basic service others build on stands furthest left.
    expect(byCode(l, 'BASE').column).toBe(0);
    expect(byCode(l, 'ON-BASE').column).toBe(1);
    expect(byCode(l, 'A').column).toBeGreaterThanOrEqual(2);
    expect(byCode(l, 'B').column).toBeGreaterThanOrEqual(2);
    expect(l.edges).toHaveLength(4);
  });

  it('drops edges to unknown items, self edges and duplicates', () => {
    const graph: CatalogGraph = {
      nodes: [node(1, 'service'), node(2, 'product')],
      edges: [
        { from: 1, to: 2, kind: 'goods' },
        { from: 1, to: 2, kind: 'goods' },
        { from: 1, to: 2, kind: 'mandatory' },
        { from: 1, to: 99, kind: 'goods' },
        { from: 1, to: 1, kind: 'optional' },
      ],
    };
    const l = layoutMap(graph, 'en');
    expect(l.edges.map((e) => e.id)).toEqual(['goods:1-2', 'mandatory:1-2']);
  });
});

describe('assignColumns', () => {
  it('leaves out tiers without items', () => {
    const columns = assignColumns(filterGraph(DEMO, { hiddenKinds: ['product'] }));
    expect(columns.get(1)).toBe(0); // basic service
    expect(columns.get(9)).toBe(1); // service
    expect(columns.get(3)).toBe(2); // Backup, after the services linking it
    expect(columns.get(11)).toBe(3); // add-on right after the services
  });
});

describe('filterGraph', () => {
  it('changes nothing without a filter', () => {
    expect(filterGraph(DEMO)).toEqual(DEMO);
  });

  it('hides products with their edges', () => {
    const g = filterGraph(DEMO, { hiddenKinds: ['product'] });
    expect(g.nodes.some((n) => n.kind === 'product')).toBe(false);
    expect(g.nodes).toHaveLength(14);
    const ids = new Set(g.nodes.map((n) => n.id));
    for (const e of g.edges) expect(ids.has(e.from) && ids.has(e.to)).toBe(true);
    expect(g.edges.some((e) => e.kind === 'goods')).toBe(false);
    // The add-on edges to services stay.
    expect(g.edges.filter((e) => e.kind === 'add_on').map((e) => `${e.from}-${e.to}`)).toEqual(['11-10', '12-6', '13-10', '14-10']);
  });

  it('hides add-ons and products together', () => {
    const g = filterGraph(DEMO, { hiddenKinds: ['product', 'add_on'] });
    expect(countKinds(g)).toEqual({ basic_service: 2, service: 8, product: 0, add_on: 0 });
    expect(new Set(g.edges.map((e) => e.kind as EdgeKind))).toEqual(new Set(['required', 'optional']));
  });

  it('shows only the neighbourhood of the focused item', () => {
    const g = filterGraph(DEMO, { focusCode: 'SVC-WAAS' });
    expect(g.nodes.map((n) => n.code).sort()).toEqual(
      ['ADD-DATA-MIGRATION', 'ADD-ONSITE-INSTALL', 'ADD-PC-REIMAGE', 'DOC-LEN-USBC', 'NB-LEN-T14G5', 'SVC-BACKUP', 'SVC-WAAS'].sort(),
    );
    // Edges among the neighbours stay too (add-ons for the T14 notebook).
    expect(g.edges.some((e) => e.from === 11 && e.to === 38)).toBe(true);
    expect(g.edges.every((e) => g.nodes.some((n) => n.id === e.from) && g.nodes.some((n) => n.id === e.to))).toBe(true);
  });

  it('applies the kind filter before the focus', () => {
    const g = filterGraph(DEMO, { focusCode: 'SVC-WAAS', hiddenKinds: ['add_on'] });
    expect(g.nodes.map((n) => n.code).sort()).toEqual(['DOC-LEN-USBC', 'NB-LEN-T14G5', 'SVC-BACKUP', 'SVC-WAAS']);
  });

  it('ignores a focus that is not on the map', () => {
    expect(filterGraph(DEMO, { focusCode: 'NOT-THERE' }).nodes).toHaveLength(DEMO.nodes.length);
    const hiddenFocus = filterGraph(DEMO, { focusCode: 'NB-LEN-T14G5', hiddenKinds: ['product'] });
    expect(hiddenFocus.nodes).toHaveLength(14);
  });

  it('focuses an isolated item as itself alone', () => {
    const g = filterGraph(DEMO, { focusCode: 'SVC-EDR' });
    expect(g).toEqual({ nodes: [DEMO.nodes.find((n) => n.code === 'SVC-EDR')], edges: [] });
  });
});

describe('highlightFor', () => {
  const layout = layoutMap(DEMO, 'en');

  it('is nothing without a node', () => {
    expect(highlightFor(layout.edges, null)).toBeNull();
  });

  it('holds the node, its direct neighbours and the edges touching it', () => {
    const vm = nodeIdForCode(layout.nodes, 'SVC-VM')!;
    const h = highlightFor(layout.edges, vm)!;
    expect(h.center).toBe(vm);
    const codes = [...h.nodes].map((id) => layout.nodes.find((n) => n.id === id)?.code).sort();
    expect(codes).toEqual(['BAS-CLOUD-ZONE', 'SVC-BACKUP', 'SVC-VM']);
    expect([...h.edges].sort()).toEqual(['optional:9-3', 'required:9-1']);
  });

  it('follows edges in both directions', () => {
    const backup = nodeIdForCode(layout.nodes, 'SVC-BACKUP')!;
    const h = highlightFor(layout.edges, backup)!;
    expect([...h.nodes].sort()).toEqual(['10', '3', '9']);
    expect(h.edges.size).toBe(2);
  });

  it('is the node alone when it has no edges', () => {
    const edr = nodeIdForCode(layout.nodes, 'SVC-EDR')!;
    expect(highlightFor(layout.edges, edr)).toEqual({ center: edr, nodes: new Set([edr]), edges: new Set() });
  });
});

describe('edge labels in fans', () => {
  const layout = layoutMap(DEMO, 'en');

  it('labels every edge of a small fan', () => {
    for (const e of layout.edges.filter((e) => e.kind !== 'add_on')) expect(e.labelled, e.id).toBe(true);
    expect(layout.edges.find((e) => e.id === 'add_on:12-6')?.labelled).toBe(true); // the only add-on for Managed365
  });

  it('labels only the middle edge of a fan of add-on edges', () => {
    expect(FAN_SIZE).toBeLessThanOrEqual(11);
    for (const addOn of [11, 13, 14]) {
      const fan = layout.edges.filter((e) => e.source === String(addOn));
      expect(fan).toHaveLength(11);
      const labelled = fan.filter((e) => e.labelled);
      expect(labelled).toHaveLength(1);
      // The labelled edge ends in the middle of the fan.
      const yOf = (id: string) => layout.nodes.find((n) => n.id === id)!.y;
      const ys = fan.map((e) => yOf(e.target)).sort((a, b) => a - b);
      expect(yOf(labelled[0]!.target)).toBe(ys[5]);
    }
  });

  it('keeps one label in a fan whose middle edge belongs to another fan', () => {
    // Four services require one basic service; one of them also requires a second one with three others.
    const graph: CatalogGraph = {
      nodes: [node(1, 'basic_service'), node(2, 'basic_service'), ...[11, 12, 13, 14, 15, 16, 17].map((id) => node(id, 'service'))],
      edges: [
        ...[11, 12, 13, 14].map((from) => ({ from, to: 1, kind: 'required' as const })),
        ...[13, 15, 16, 17].map((from) => ({ from, to: 2, kind: 'required' as const })),
      ],
    };
    const l = layoutMap(graph, 'en');
    for (const target of ['1', '2']) {
      const fan = l.edges.filter((e) => e.target === target);
      expect(fan.filter((e) => e.labelled).length, `fan into ${target}`).toBeGreaterThanOrEqual(1);
      expect(fan.filter((e) => e.labelled).length, `fan into ${target}`).toBeLessThan(fan.length);
    }
  });
});

describe('emphasis', () => {
  const layout = layoutMap(DEMO, 'en');
  const vm = nodeIdForCode(layout.nodes, 'SVC-VM')!;
  const h = highlightFor(layout.edges, vm);

  it('leaves everything normal without a highlight', () => {
    expect(nodeEmphasis(null, true, vm)).toBe('normal');
    expect(edgeEmphasis(null, true, 'required:9-1')).toBe('normal');
  });

  it('marks the center and its neighbours, and dims the rest only on hover', () => {
    expect(nodeEmphasis(h, false, vm)).toBe('center');
    expect(nodeEmphasis(h, false, '1')).toBe('neighbour');
    expect(nodeEmphasis(h, false, '4')).toBe('normal');
    expect(nodeEmphasis(h, true, '4')).toBe('dimmed');
    expect(edgeEmphasis(h, true, 'required:9-1')).toBe('highlighted');
    expect(edgeEmphasis(h, false, 'goods:10-38')).toBe('normal');
    expect(edgeEmphasis(h, true, 'goods:10-38')).toBe('dimmed');
  });
});

/** A catalog of `n` services, each requiring one of two basic services. */
function hundredServices(n = 100): CatalogGraph {
  const nodes: GraphNode[] = [
    { id: 1, code: 'BAS-A', name: 'Basic A', kind: 'basic_service', status: 'active' },
    { id: 2, code: 'BAS-B', name: 'Basic B', kind: 'basic_service', status: 'active' },
  ];
  const edges: CatalogGraph['edges'] = [];
  for (let i = 1; i <= n; i++) {
    const id = 100 + i;
    nodes.push({ id, code: `SVC-GEN-${String(i).padStart(3, '0')}`, name: `Generated service ${i}`, kind: 'service', status: 'active' });
    edges.push({ from: id, to: i % 2 === 0 ? 1 : 2, kind: 'required' });
  }
  return { nodes, edges };
}

describe('fitViewport', () => {
  const insets = { top: 64, bottom: 88, left: 32, right: 32 };

  it('fits and centres a small drawing, not beyond the largest zoom', () => {
    const v = fitViewport({ x: 0, y: 0, width: 400, height: 100 }, 1000, 752, insets, READABLE_ZOOM, 1.25);
    expect(v.zoom).toBe(1.25);
    // centred in the room between the insets
    expect(v.x).toBeCloseTo(32 + (936 - 500) / 2);
    expect(v.y).toBeCloseTo(64 + (600 - 125) / 2);
  });

  it('fits a drawing exactly when that zoom is readable', () => {
    const v = fitViewport({ x: 0, y: 0, width: 1000, height: 300 }, 1000, 752, insets, READABLE_ZOOM, 1.25);
    expect(v.zoom).toBeCloseTo(936 / 1000);
    expect(v.x).toBeCloseTo(32);
  });

  it('does not shrink below the readable zoom what would fit only smaller', () => {
    const v = fitViewport({ x: 0, y: 0, width: 1800, height: 500 }, 1000, 752, insets, READABLE_ZOOM, 1.25);
    expect(v.zoom).toBe(READABLE_ZOOM);
    expect(v.x).toBe(32); // wider than the window: from its left edge
  });

  it('keeps the names readable for a catalog of 100 services and starts at its top left corner', () => {
    const layout = layoutMap(hundredServices(), 'en');
    expect(layout.nodes).toHaveLength(102);
    const bounds = { x: 0, y: 0, width: layout.width, height: layout.height };
    // A 1280 × 800 window leaves the map about 1000 × 750.
    const v = fitViewport(bounds, 1000, 752, insets, READABLE_ZOOM, 1.25);
    expect(v.zoom).toBe(READABLE_ZOOM);
    expect(NAME_FONT_PX * v.zoom).toBeGreaterThanOrEqual(MIN_LABEL_PX);
    expect(MIN_LABEL_PX).toBeGreaterThanOrEqual(11);
    // The drawing is taller than the window: its top is at the top inset, not cut off above.
    expect(v.y).toBe(insets.top);
    // It is narrower than the window at that zoom: centred across.
    expect(layout.width * v.zoom).toBeLessThan(936);
    expect(v.x).toBeCloseTo(32 + (936 - layout.width * v.zoom) / 2);
  });

  it('starts a drawing wider than the window at its left edge, wherever its origin is', () => {
    const v = fitViewport({ x: -50, y: 20, width: 5000, height: 300 }, 1000, 752, insets, 1, 1.25);
    expect(v.zoom).toBe(1);
    expect(v.x).toBe(32 + 50);
  });
});

describe('fitOrFocus', () => {
  const insets = { top: 64, bottom: 88, left: 32, right: 32 };
  const card = { x: 350, y: 4000, width: 200, height: 56 };

  it('shows the whole drawing when it fits readably, selected item or not', () => {
    const bounds = { x: 0, y: 0, width: 900, height: 500 };
    expect(fitOrFocus(bounds, card, 1000, 752, insets, READABLE_ZOOM, 1.25)).toEqual(fitViewport(bounds, 1000, 752, insets, READABLE_ZOOM, 1.25));
  });

  it('centres the selected item of a drawing too big to show readably', () => {
    const bounds = { x: 0, y: 0, width: 900, height: 8000 };
    const v = fitOrFocus(bounds, card, 1000, 752, insets, READABLE_ZOOM, 1.25);
    expect(v).toEqual(centreViewport(card, 1000, 752, READABLE_ZOOM));
  });

  it('starts at the top left without a selected item', () => {
    const bounds = { x: 0, y: 0, width: 900, height: 8000 };
    const v = fitOrFocus(bounds, null, 1000, 752, insets, READABLE_ZOOM, 1.25);
    expect(v.zoom).toBe(READABLE_ZOOM);
    expect(v.y).toBe(insets.top);
  });
});

describe('centreViewport', () => {
  it('puts the middle of a card in the middle of the window', () => {
    const v = centreViewport({ x: 400, y: 3000, width: 200, height: 56 }, 1000, 750, 0.88);
    expect(v.zoom).toBe(0.88);
    expect(500 - (400 + 100) * 0.88).toBeCloseTo(v.x);
    expect(375 - (3000 + 28) * 0.88).toBeCloseTo(v.y);
  });
});

describe('searchNodes', () => {
  const nodes = [
    { id: '1', code: 'SVC-M365', name: 'Managed365' },
    { id: '2', code: 'BAS-M365-TENANT', name: 'Microsoft 365 tenant' },
    { id: '3', code: 'SVC-BACKUP', name: 'Backup' },
    { id: '4', code: 'SVC-MDM', name: 'Mobile device management' },
    { id: '5', code: 'SVC-GEN-042', name: 'Generated service 42' },
    { id: '6', code: 'SVC-GRUSS', name: 'Grüße und Übergabe' },
  ];
  const codes = (query: string) => searchNodes(nodes, query).map((n) => n.code);

  it('finds nothing for an empty query', () => {
    expect(codes('')).toEqual([]);
    expect(codes('   ')).toEqual([]);
  });

  it('finds by code and by name, case and accents aside', () => {
    expect(codes('svc-backup')).toEqual(['SVC-BACKUP']);
    expect(codes('backup')).toEqual(['SVC-BACKUP']);
    expect(codes('UEBER')).toEqual([]);
    expect(codes('uberg')).toEqual(['SVC-GRUSS']);
    expect(codes('042')).toEqual(['SVC-GEN-042']);
  });

  it('needs every word, in any order', () => {
    expect(codes('tenant microsoft')).toEqual(['BAS-M365-TENANT']);
    expect(codes('tenant backup')).toEqual([]);
  });

  it('puts an exact code first, then what starts with the query, then the rest', () => {
    expect(codes('m365')).toEqual(['SVC-M365', 'BAS-M365-TENANT']);
    expect(codes('SVC-M365')).toEqual(['SVC-M365']);
    // "Mobile …" and "Managed365" start with m; "Microsoft 365 tenant" too; a code containing m only later
    expect(codes('m')[0]).toBe('SVC-M365');
  });

  it('stops at the limit', () => {
    expect(searchNodes(nodes, 's', 2)).toHaveLength(2);
  });
});
