// The diagram: an analysed design → a laid-out, marked Scene → a standalone SVG.
// The preview (webview) draws the Scene; the CLI's `diagram` command and the preview's
// export write the SVG. Both come from the same code, so they show the same thing.

import type { AnalysisResult } from '../analysis/engine';
import type { DiagramOptions } from './content';
import { buildScene } from './scene';
import { renderSceneSvg } from './svg';
import type { SvgOptions } from './svg';

export { buildScene, LEGEND } from './scene';
export { renderSceneSvg, tooltip } from './svg';
export type { SvgOptions } from './svg';
export { DARK_THEME, LIGHT_THEME, THEME_ROLES, isSafeColour, resolveTheme } from './theme';
export type { Theme, ThemeRole } from './theme';
export {
  dnsNodeId,
  drawnOnce,
  faultNodeId,
  groupNodeId,
  hostNodeId,
  instanceNodeId,
  instanceNodeIdsOf,
  sceneNodeIdsAtPath,
  sceneNodeIdsFor,
  sceneNodeIdsOfComponents,
  workloadNodeId,
  zoneNodeId,
} from './ids';
export { collapseGroups, diagramContent } from './content';
export type { DiagramOptions } from './content';
export { columnOrder, sceneColumnOrder } from './column-order';
export type { ColumnOrder } from './column-order';
export { orderStability } from './stability';
export { displayText, visibleText } from './text';
export type * from './scene-types';

/**
 * The design's diagram as a standalone SVG document (light theme unless told otherwise), with
 * the groups the preview shows collapsed collapsed here too.
 */
export async function renderDiagramSvg(result: AnalysisResult, options: SvgOptions & DiagramOptions = {}): Promise<string> {
  return renderSceneSvg(await buildScene(result, { collapsedGroups: options.collapsedGroups }), options);
}
export { readability } from './readability';
export type { Readability } from './readability';
