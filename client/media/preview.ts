// The preview webview's script (bundled to dist/webview.js for the browser). It draws the
// scenes the extension sends, handles zoom, pan, selection and the toolbar, and reports
// clicks and export requests back. It never parses markup: text goes in via textContent.

import type { Scene } from '../../server/src/diagram/scene-types';
import { visibleText } from '../../server/src/diagram/text';
import type { DomDocument, DomElement } from '../src/preview/dom';
import type { FromWebview, ToWebview } from '../src/preview/messages';
import type { AvailabilityHeader, PreviewAvailability } from '../../server/src/protocol';
import { HEAT_LEVELS, heatLevel, NO_MARKS, SceneRenderer, type Marks } from '../src/preview/scene-render';
import { drawnIds, neighbourhood } from '../src/preview/focus';
import { findNodes, nextMatch } from '../src/preview/search';
import { collectTheme } from '../src/preview/theme';
import { centreOn, fitView, isView, panBy, toTransform, zoomAt, type View } from '../src/preview/view-transform';

interface VsCodeApi {
  postMessage(message: FromWebview): void;
  getState(): unknown;
  setState(state: PersistedState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

/** What survives the webview being hidden or the window reloading. */
interface PersistedState {
  uri?: string;
  /** Zoom and pan per document, most recent last. */
  views: [string, View][];
}

const MAX_REMEMBERED_VIEWS = 20;
const vscode = acquireVsCodeApi();

const byId = <T extends HTMLElement | SVGElement>(id: string): T => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`missing #${id}`);
  return el as T;
};

const svg = byId<SVGSVGElement>('ir-diagram');
const viewport = byId<SVGGElement>('ir-viewport');
const stage = byId<HTMLDivElement>('ir-stage');
const messageBox = byId<HTMLDivElement>('ir-message');
const banner = byId<HTMLDivElement>('ir-banner');
const legendBox = byId<HTMLDivElement>('ir-legend');
const titleBox = byId<HTMLSpanElement>('ir-title');
const failButton = byId<HTMLButtonElement>('ir-fail');
const resetButton = byId<HTMLButtonElement>('ir-reset');
const heatButton = byId<HTMLButtonElement>('ir-heat');
const availabilityBox = byId<HTMLDivElement>('ir-availability');
const heatLegendBox = byId<HTMLDivElement>('ir-heat-legend');
const focusButton = byId<HTMLButtonElement>('ir-focus');
const collapseButton = byId<HTMLButtonElement>('ir-collapse');
const dashedButton = byId<HTMLButtonElement>('ir-dashed');
const searchInput = byId<HTMLInputElement>('ir-search');
const searchCount = byId<HTMLSpanElement>('ir-search-count');
const focusBar = byId<HTMLDivElement>('ir-focus-bar');
const focusText = byId<HTMLSpanElement>('ir-focus-text');

// The browser's DOM has every member of the renderer's small interface; TypeScript's DOM
// types are just too wide to match it structurally.
const renderer = new SceneRenderer(document as unknown as DomDocument, viewport as unknown as DomElement);

const persisted = restoreState(vscode.getState());
let uri: string | undefined = persisted.uri;
let scene: Scene | undefined;
let view: View | undefined;
let marks: Marks = { ...NO_MARKS };
let availability: PreviewAvailability | null = null;
/** The header while elements are failed: the availability given the failure. */
let givenFailure: AvailabilityHeader | null = null;
let heatOn = false;
/** The focused node, and its blast radius once the extension has answered. */
let focused: { nodeId: string; blast: string[]; components: string[] } | undefined;
/** Failed replicas per node (a ×N node can have several). */
let failedCount = new Map<string, number>();

function restoreState(raw: unknown): PersistedState {
  const state: PersistedState = { views: [] };
  if (typeof raw !== 'object' || raw === null) return state;
  const r = raw as Record<string, unknown>;
  if (typeof r.uri === 'string') state.uri = r.uri;
  if (Array.isArray(r.views)) {
    for (const entry of r.views) {
      if (Array.isArray(entry) && typeof entry[0] === 'string' && isView(entry[1])) state.views.push([entry[0], entry[1]]);
    }
  }
  return state;
}

function saveState(): void {
  if (uri !== undefined && view !== undefined) {
    const current = uri;
    persisted.views = persisted.views.filter(([u]) => u !== current);
    persisted.views.push([current, view]);
    persisted.views = persisted.views.slice(-MAX_REMEMBERED_VIEWS);
  }
  persisted.uri = uri;
  vscode.setState(persisted);
}

function savedView(forUri: string): View | undefined {
  return persisted.views.find(([u]) => u === forUri)?.[1];
}

function setView(next: View, persist = true): void {
  view = next;
  viewport.setAttribute('transform', toTransform(next));
  if (persist) saveState();
}

function fit(): void {
  if (!scene) return;
  const box = svg.getBoundingClientRect();
  setView(fitView(scene.width, scene.height, box.width, box.height));
}

function zoomBy(factor: number, px?: number, py?: number): void {
  if (!view) return;
  const box = svg.getBoundingClientRect();
  setView(zoomAt(view, factor, px ?? box.width / 2, py ?? box.height / 2));
}

function showMessage(text: string | undefined): void {
  messageBox.textContent = text ?? '';
  messageBox.hidden = text === undefined;
}

function showScene(next: Extract<ToWebview, { type: 'scene' }>): void {
  const switched = next.uri !== uri;
  uri = next.uri;
  scene = next.scene;
  const fileName = visibleText(next.fileName);
  titleBox.textContent = next.scene.title ? `${visibleText(next.scene.title)} — ${fileName}` : fileName;
  const stats = renderer.render(next.scene);
  svg.setAttribute('data-version', String(next.version));
  svg.setAttribute('data-node-count', String(next.scene.nodes.length));
  svg.setAttribute('data-last-render', JSON.stringify(stats.nodes));
  if (switched) {
    marks = { ...NO_MARKS };
    const saved = savedView(next.uri);
    if (saved) setView(saved);
    else fit();
  } else if (view === undefined) {
    fit();
  }
  if (marks.selected && !renderer.node(marks.selected)) marks = { ...marks, selected: undefined };
  availability = next.availability ?? null;
  marks = { ...marks, heat: heatMarks() };
  if (focused) {
    // The design changed: its neighbourhood and blast radius are asked for again.
    const centre = focused.nodeId;
    unfocus();
    focusOn(centre);
  }
  runSearch(false);
  renderer.mark(marks);
  drawLegend(next.scene);
  showAvailability();
  updateButtons();
  showMessage(next.scene.nodes.length === 0 ? 'The design has nothing to draw yet.' : undefined);
}

function drawLegend(current: Scene): void {
  const items = current.legend.map((entry) => {
    const item = document.createElement('span');
    item.className = 'ir-legend-item';
    const swatch = document.createElement('span');
    swatch.className = `ir-swatch ir-swatch-${/^[a-z]+$/.test(entry.status) ? entry.status : 'ok'}`;
    const label = document.createElement('span');
    label.textContent = entry.label;
    item.append(swatch, label);
    return item;
  });
  legendBox.replaceChildren(...items);
}

/** The header: A, downtime and SLO (or A given the failed elements), coloured against the SLO. */
function showAvailability(): void {
  const header = givenFailure ?? availability;
  availabilityBox.hidden = !header;
  availabilityBox.textContent = header ? visibleText(header.text) : '';
  availabilityBox.className = header ? `ir-availability-${header.status}` : '';
}

/** Every node that can fail gets a level; the rest of the diagram keeps its colours. */
function heatMarks(): ReadonlyMap<string, number> | undefined {
  if (!heatOn || !availability || !scene) return undefined;
  const levels = new Map<string, number>();
  for (const node of scene.nodes) if (node.fault) levels.set(node.id, heatLevel(availability.shares[node.id] ?? 0));
  return levels;
}

function drawHeatLegend(): void {
  const title = document.createElement('span');
  title.textContent = 'Share of the downtime:';
  const items = HEAT_LEVELS.map((entry) => {
    const item = document.createElement('span');
    item.className = 'ir-legend-item';
    const swatch = document.createElement('span');
    swatch.className = `ir-swatch ir-heat-swatch-${entry.level}`;
    const label = document.createElement('span');
    label.textContent = entry.label;
    item.append(swatch, label);
    return item;
  });
  heatLegendBox.replaceChildren(title, ...items);
}

function toggleHeat(): void {
  heatOn = !heatOn && availability !== null;
  heatButton.setAttribute('aria-pressed', String(heatOn));
  document.body.classList.toggle('ir-heat', heatOn);
  heatLegendBox.hidden = !heatOn;
  if (heatOn) drawHeatLegend();
  marks = { ...marks, heat: heatMarks() };
  renderer.mark(marks);
}

function updateButtons(): void {
  heatButton.disabled = availability === null;
  const selected = marks.selected ? renderer.node(marks.selected) : undefined;
  const replicas = selected?.faults?.length ?? 1;
  failButton.disabled = !selected?.fault || (failedCount.get(selected.id) ?? 0) >= replicas;
  resetButton.disabled = marks.failed.size === 0;
  focusButton.disabled = !selected;
  const group = groupOf(selected?.id);
  collapseButton.disabled = group === undefined;
  collapseButton.textContent = group !== undefined && renderer.node(`group:${group}`)?.collapsed ? 'Expand group' : 'Collapse group';
}

/** The group a node is or sits in (by its group box), if any. */
function groupOf(nodeId: string | undefined): string | undefined {
  const node = nodeId ? renderer.node(nodeId) : undefined;
  if (!node) return undefined;
  if (node.kind === 'group') return node.target.id;
  const parent = node.parent ? renderer.node(node.parent) : undefined;
  return parent?.kind === 'group' ? parent.target.id : undefined;
}

function toggleGroup(group: string | undefined): void {
  if (group !== undefined) post({ type: 'toggleGroup', group });
}

/** Dims all but the node's neighbourhood; the blast radius follows from the extension. */
function focusOn(nodeId: string): void {
  if (!scene || !renderer.node(nodeId)) return;
  const sameNode = focused?.nodeId === nodeId;
  focused = sameNode && focused ? focused : { nodeId, blast: [], components: [] };
  if (!sameNode) post({ type: 'blastRadius', nodeId });
  const around = neighbourhood(scene, nodeId);
  const blast = new Set(drawnIds(scene, focused.blast));
  marks = { ...marks, focus: { centre: nodeId, shown: new Set([...around.shown, ...blast]), blast } };
  renderer.mark(marks);
  document.body.classList.add('ir-focused');
  const name = visibleText(renderer.node(nodeId)?.label ?? nodeId);
  const down = focused.components.length;
  focusText.textContent =
    `Focus on ${name}: ${around.dependsOn.size} it depends on, ${around.dependents.size} depending on it` +
    (sameNode || down ? `; ${down ? `${down} component${down === 1 ? '' : 's'} go${down === 1 ? 'es' : ''} down with it` : 'nothing goes down with it'}.` : '.');
  focusBar.hidden = false;
}

function unfocus(): void {
  focused = undefined;
  marks = { ...marks, focus: undefined };
  renderer.mark(marks);
  document.body.classList.remove('ir-focused');
  focusBar.hidden = true;
  focusText.textContent = '';
}

function toggleDashed(): void {
  const hide = !document.body.classList.contains('ir-hide-dashed');
  document.body.classList.toggle('ir-hide-dashed', hide);
  dashedButton.setAttribute('aria-pressed', String(hide));
  dashedButton.textContent = hide ? 'Show dashed' : 'Hide dashed';
}

/**
 * Highlights every node matching the search box and makes one the current match: the first
 * (or, with `jump`, the next after the current one). The current match is selected and
 * brought into view.
 */
function runSearch(jump: boolean, step: 1 | -1 = 1): void {
  const matches = scene ? findNodes(scene, searchInput.value) : [];
  const current = jump || !matches.includes(marks.currentMatch ?? '') ? nextMatch(matches, marks.currentMatch, step) : marks.currentMatch;
  marks = { ...marks, matches: new Set(matches), currentMatch: current };
  searchCount.textContent = searchInput.value.trim() === '' ? '' : matches.length === 0 ? 'No match' : `${matches.indexOf(current ?? '') + 1} of ${matches.length}`;
  searchInput.setAttribute('aria-invalid', String(searchInput.value.trim() !== '' && matches.length === 0));
  if (current && (jump || current !== marks.selected)) {
    marks = { ...marks, selected: current };
    zoomToNode(current);
  }
  renderer.mark(marks);
  updateButtons();
}

/** Centres the view on a node, zooming in to at least 100 % so that it can be read. */
function zoomToNode(nodeId: string): void {
  const node = renderer.node(nodeId);
  if (!node || !view) return;
  const box = svg.getBoundingClientRect();
  const readable = view.k < 1 ? zoomAt(view, 1 / view.k, box.width / 2, box.height / 2) : view;
  setView(centreOn(readable, node.x + node.width / 2, node.y + node.height / 2, box.width, box.height));
}

function select(nodeId: string | undefined): void {
  marks = { ...marks, selected: nodeId };
  renderer.mark(marks);
  updateButtons();
}

function post(message: FromWebview): void {
  vscode.postMessage(message);
}

/** The node group under an event target, if any. */
function nodeIdAt(target: EventTarget | null): string | undefined {
  const el = target instanceof Element ? target.closest('[data-node-id]') : null;
  return el?.getAttribute('data-node-id') ?? undefined;
}

function activate(nodeId: string): void {
  select(nodeId);
  post({ type: 'reveal', nodeId });
}

function failSelected(): void {
  const id = marks.selected;
  if (id && renderer.node(id)?.fault) post({ type: 'fail', nodeId: id });
}

// Pan by dragging; a press that does not move is a click on whatever is under it.
let drag: { pointerId: number; x: number; y: number; moved: boolean } | undefined;
svg.addEventListener('pointerdown', (event) => {
  if (event.button !== 0) return;
  drag = { pointerId: event.pointerId, x: event.clientX, y: event.clientY, moved: false };
  svg.setPointerCapture(event.pointerId);
});
svg.addEventListener('pointermove', (event) => {
  if (!drag || event.pointerId !== drag.pointerId || !view) return;
  const dx = event.clientX - drag.x;
  const dy = event.clientY - drag.y;
  if (!drag.moved && Math.hypot(dx, dy) < 4) return;
  drag.moved = true;
  svg.classList.add('ir-panning');
  drag.x = event.clientX;
  drag.y = event.clientY;
  setView(panBy(view, dx, dy), false);
});
svg.addEventListener('pointerup', (event) => {
  if (!drag || event.pointerId !== drag.pointerId) return;
  const { moved } = drag;
  drag = undefined;
  svg.classList.remove('ir-panning');
  if (moved) {
    saveState();
    return;
  }
  const under = document.elementFromPoint(event.clientX, event.clientY);
  const toggle = groupToggleAt(under);
  if (toggle !== undefined) {
    toggleGroup(toggle);
    return;
  }
  const id = nodeIdAt(under);
  if (id) activate(id);
  else select(undefined);
});
svg.addEventListener('pointercancel', () => {
  drag = undefined;
  svg.classList.remove('ir-panning');
});
svg.addEventListener(
  'wheel',
  (event) => {
    event.preventDefault();
    const box = svg.getBoundingClientRect();
    const delta = event.deltaMode === 1 ? event.deltaY * 16 : event.deltaY;
    zoomBy(Math.exp(-delta * 0.0015), event.clientX - box.left, event.clientY - box.top);
  },
  { passive: false },
);
/** The group of the collapse/expand button under an event target, if any. */
function groupToggleAt(target: EventTarget | null): string | undefined {
  const el = target instanceof Element ? target.closest('[data-toggle-group]') : null;
  return el?.getAttribute('data-toggle-group') ?? undefined;
}

svg.addEventListener('keydown', (event) => {
  if (event.key !== 'Enter' && event.key !== ' ') return;
  const toggle = groupToggleAt(event.target);
  const id = nodeIdAt(event.target);
  if (toggle !== undefined) {
    event.preventDefault();
    event.stopPropagation();
    toggleGroup(toggle);
  } else if (id) {
    event.preventDefault();
    activate(id);
  }
});
svg.addEventListener('focusin', (event) => {
  const id = nodeIdAt(event.target);
  if (id) select(id);
});

searchInput.addEventListener('input', () => runSearch(false));
searchInput.addEventListener('keydown', (event) => {
  if (event.key === 'Enter') {
    event.preventDefault();
    runSearch(true, event.shiftKey ? -1 : 1);
  } else if (event.key === 'Escape') {
    event.preventDefault();
    searchInput.value = '';
    runSearch(false);
    svg.focus();
  } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
    event.preventDefault();
    runSearch(true, event.key === 'ArrowDown' ? 1 : -1);
  }
  // Typing in the box is not a diagram shortcut.
  event.stopPropagation();
});

document.addEventListener('keydown', (event) => {
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  if (event.target instanceof HTMLInputElement) return;
  if (event.target instanceof HTMLButtonElement && (event.key === 'Enter' || event.key === ' ')) return;
  const step = 40;
  const actions: Record<string, () => void> = {
    '+': () => zoomBy(1.25),
    '=': () => zoomBy(1.25),
    '-': () => zoomBy(0.8),
    '0': fit,
    h: toggleHeat,
    f: failSelected,
    n: () => marks.selected && focusOn(marks.selected),
    c: () => toggleGroup(groupOf(marks.selected)),
    d: toggleDashed,
    '/': () => searchInput.focus(),
    Escape: () => (focused ? unfocus() : select(undefined)),
    ArrowLeft: () => view && setView(panBy(view, step, 0)),
    ArrowRight: () => view && setView(panBy(view, -step, 0)),
    ArrowUp: () => view && setView(panBy(view, 0, step)),
    ArrowDown: () => view && setView(panBy(view, 0, -step)),
  };
  const action = actions[event.key];
  if (action) {
    event.preventDefault();
    action();
  }
});

const onClick = (id: string, handler: () => void): void => byId(id).addEventListener('click', handler);
onClick('ir-zoom-in', () => zoomBy(1.25));
onClick('ir-zoom-out', () => zoomBy(0.8));
onClick('ir-zoom-fit', fit);
onClick('ir-fail', failSelected);
onClick('ir-reset', () => post({ type: 'resetWhatIf' }));
onClick('ir-heat', toggleHeat);
onClick('ir-focus', () => marks.selected && focusOn(marks.selected));
onClick('ir-unfocus', unfocus);
onClick('ir-collapse', () => toggleGroup(groupOf(marks.selected)));
onClick('ir-dashed', toggleDashed);
onClick('ir-export-svg', () => post({ type: 'export', format: 'svg' }));
onClick('ir-export-png', () => post({ type: 'export', format: 'png' }));

/** Keeps a highlighted node in sight: pans to it when it lies outside the viewport. */
function revealNode(nodeId: string): void {
  const node = renderer.node(nodeId);
  if (!node || !view) return;
  const box = svg.getBoundingClientRect();
  const left = node.x * view.k + view.x;
  const top = node.y * view.k + view.y;
  const inside = left >= 0 && top >= 0 && left + node.width * view.k <= box.width && top + node.height * view.k <= box.height;
  if (!inside) setView(centreOn(view, node.x + node.width / 2, node.y + node.height / 2, box.width, box.height));
}

function showWhatIf(message: Extract<ToWebview, { type: 'whatIf' }>): void {
  const shown = (ids: string[]): Set<string> => new Set(scene ? drawnIds(scene, ids) : ids);
  failedCount = new Map();
  for (const id of message.failedNodeIds) failedCount.set(id, (failedCount.get(id) ?? 0) + 1);
  marks = {
    ...marks,
    failed: shown(message.failedNodeIds),
    down: shown(message.result.downNodes),
    degraded: shown(message.result.degradedNodes),
    lost: new Map(Object.entries(message.result.lostReplicas ?? {})),
  };
  renderer.mark(marks);
  updateButtons();
  const failed = message.failedLabels.join(', ');
  const down = message.result.downComponents;
  banner.textContent = message.result.serviceDown
    ? `Service down: with ${failed} failed, ${down.length ? down.join(', ') : 'the entry'} go${down.length === 1 ? 'es' : ''} down.`
    : `Service stays up with ${failed} failed${down.length ? `; down: ${down.join(', ')}` : ''}.`;
  banner.className = message.result.serviceDown ? 'ir-banner-down' : 'ir-banner-up';
  banner.hidden = false;
  document.body.classList.add('ir-what-if');
  givenFailure = message.result.availability ?? null;
  showAvailability();
}

function clearWhatIf(): void {
  failedCount = new Map();
  marks = { ...marks, failed: new Set(), down: new Set(), degraded: new Set(), lost: undefined };
  renderer.mark(marks);
  updateButtons();
  banner.hidden = true;
  banner.textContent = '';
  document.body.classList.remove('ir-what-if');
  givenFailure = null;
  showAvailability();
}

/** Draws the export SVG onto a canvas and returns the PNG, base64-encoded. */
async function rasterize(svgText: string, width: number, height: number): Promise<string> {
  const bytes = new TextEncoder().encode(svgText);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  const image = new Image();
  const loaded = new Promise<void>((resolve, reject) => {
    image.onload = () => resolve();
    image.onerror = () => reject(new Error('the SVG could not be drawn'));
  });
  image.src = `data:image/svg+xml;base64,${btoa(binary)}`;
  await loaded;
  // The SVG's own size (it adds a title and legend to the scene); the scene's as a fallback.
  const w = Math.max(1, image.naturalWidth || width);
  const h = Math.max(1, image.naturalHeight || height);
  // Twice the size for sharp text, within what a canvas can hold.
  const scale = Math.min(2, 8192 / w, 8192 / h);
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(w * scale));
  canvas.height = Math.max(1, Math.round(h * scale));
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2D canvas');
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  const dataUrl = canvas.toDataURL('image/png');
  return dataUrl.slice(dataUrl.indexOf(',') + 1);
}

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  const message = event.data;
  switch (message.type) {
    case 'scene':
      showScene(message);
      break;
    case 'message':
      showMessage(message.text);
      break;
    case 'highlight': {
      const ids = scene ? drawnIds(scene, message.nodeIds) : message.nodeIds;
      marks = { ...marks, highlighted: new Set(ids) };
      renderer.mark(marks);
      if (ids.length > 0) revealNode(ids[0]);
      break;
    }
    case 'blastRadius':
      if (focused?.nodeId === message.nodeId) {
        focused = { nodeId: message.nodeId, blast: message.nodeIds, components: message.components };
        focusOn(message.nodeId);
      }
      break;
    case 'whatIf':
      showWhatIf(message);
      break;
    case 'whatIfCleared':
      clearWhatIf();
      break;
    case 'collectTheme': {
      const style = getComputedStyle(document.body);
      post({ type: 'theme', requestId: message.requestId, theme: collectTheme((name) => style.getPropertyValue(name)) });
      break;
    }
    case 'rasterize':
      rasterize(message.svg, message.width, message.height).then(
        (base64) => post({ type: 'png', requestId: message.requestId, base64 }),
        (error: unknown) => post({ type: 'rasterizeFailed', requestId: message.requestId, message: String(error) }),
      );
      break;
  }
});

new ResizeObserver(() => {
  if (scene && view === undefined) fit();
}).observe(stage);

if (uri !== undefined) showMessage('Loading the diagram…');
post({ type: 'ready' });
