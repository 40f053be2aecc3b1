import type { FrameLocator, Locator, Page } from 'playwright-core';
import { waitFor } from './wait';
import type { Workbench } from './workbench';

// Browser globals used inside page functions (the project compiles without the DOM library).
interface PageElement {
  localName: string;
  namespaceURI: string | null;
  textContent: string | null;
  getAttribute(name: string): string | null;
}
declare const getComputedStyle: (element: unknown) => { opacity: string };
declare class DOMParser {
  parseFromString(text: string, type: 'image/svg+xml'): {
    documentElement: PageElement;
    getElementsByTagName(name: string): ArrayLike<PageElement>;
    querySelectorAll(selector: string): Iterable<PageElement>;
  };
}

/** One node of the diagram, as the preview draws it (client/src/preview/scene-render.ts). */
export interface DiagramNode {
  id: string;
  kind: string;
  status: string;
  spof: boolean;
  targetKind: string;
  targetId: string;
  classes: string[];
  hasSpofBadge: boolean;
  opacity: number;
}

/**
 * The diagram preview: a webview, which VS Code puts in an iframe (`iframe.webview`)
 * that holds the content in a second one (`#active-frame`).
 */
export class DiagramPreview {
  readonly frame: FrameLocator;

  constructor(readonly page: Page, private readonly timeoutMs = 30_000) {
    this.frame = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
  }

  get diagram(): Locator {
    return this.frame.locator('svg#ir-diagram');
  }

  node(id: string): Locator {
    return this.frame.locator(`[data-node-id="${id.replace(/["\\]/g, '\\$&')}"]`);
  }

  button(id: 'ir-zoom-in' | 'ir-zoom-out' | 'ir-zoom-fit' | 'ir-fail' | 'ir-reset' | 'ir-export-svg' | 'ir-export-png'): Locator {
    return this.frame.locator(`#${id}`);
  }

  get banner(): Locator {
    return this.frame.locator('#ir-banner');
  }

  /** The version of the document the diagram shows (`data-version`), or undefined before the first scene. */
  async version(): Promise<number | undefined> {
    const raw = await this.diagram.getAttribute('data-version', { timeout: this.timeoutMs });
    return raw === null ? undefined : Number(raw);
  }

  /** Waits for a drawn scene whose version is above `after` and returns that version. */
  async waitForVersion(after = -1, what = `a diagram newer than version ${after}`): Promise<number> {
    return waitFor(
      async () => {
        const v = await this.diagram.getAttribute('data-version', { timeout: 1000 }).catch(() => null);
        return v !== null && Number(v) > after ? Number(v) : undefined;
      },
      { timeoutMs: this.timeoutMs, what },
    );
  }

  /** Every node drawn, with the attributes and classes the tests look at. */
  async nodes(): Promise<DiagramNode[]> {
    // No helper functions inside: this runs in the page, where tsx's `__name` does not exist.
    return this.frame.locator('[data-node-id]').evaluateAll((els) =>
      els.map((el) => ({
        id: el.getAttribute('data-node-id') ?? '',
        kind: el.getAttribute('data-kind') ?? '',
        status: el.getAttribute('data-status') ?? '',
        spof: el.getAttribute('data-spof') === 'true',
        targetKind: el.getAttribute('data-target-kind') ?? '',
        targetId: el.getAttribute('data-target-id') ?? '',
        classes: (el.getAttribute('class') ?? '').split(/\s+/).filter(Boolean),
        hasSpofBadge: el.querySelector(':scope > .ir-badge-spof') !== null,
        opacity: Number(getComputedStyle(el).opacity),
      })),
    );
  }

  /**
   * Clicks a container (zone or host) on its own box, at its top-left corner where its label
   * is, not on the instances drawn inside it.
   */
  async clickContainer(id: string): Promise<void> {
    await this.node(id).locator(':scope > rect.ir-box').click({ position: { x: 4, y: 4 }, timeout: this.timeoutMs });
  }
}

/** What the browser makes of an SVG file: its root element, a parse error, the node ids in it. */
export interface ParsedSvg {
  root: string;
  namespace: string | null;
  error: string | null;
  nodeIds: string[];
}

/** Parses `text` with the browser's XML parser (nothing is rendered or run). */
export function parseSvgInBrowser(page: Page, text: string): Promise<ParsedSvg> {
  return page.evaluate((svg) => {
    const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
    return {
      root: doc.documentElement.localName,
      namespace: doc.documentElement.namespaceURI,
      error: doc.getElementsByTagName('parsererror')[0]?.textContent ?? null,
      nodeIds: [...doc.querySelectorAll('[data-node-id]')].map((el) => el.getAttribute('data-node-id') ?? ''),
    };
  }, text);
}

/**
 * Opens the diagram preview beside the active editor, as a user does from the command
 * palette, and waits until it draws what `ready` looks for: the nodes drawn then.
 */
export async function openPreview(
  workbench: Workbench,
  preview: DiagramPreview,
  ready: (nodes: DiagramNode[]) => boolean,
  what: string,
  timeoutMs = 30_000,
): Promise<DiagramNode[]> {
  await workbench.runCommand('Infra Review: Open Diagram Preview to the Side');
  await preview.waitForVersion();
  return waitFor(
    async () => {
      const drawn = await preview.nodes();
      return ready(drawn) ? drawn : undefined;
    },
    { timeoutMs, what },
  );
}
