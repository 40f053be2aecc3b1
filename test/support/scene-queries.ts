// Looking things up in a built scene, for the diagram's tests.

import * as assert from 'assert';
import type { Scene, SceneNode } from '../../server/src/diagram/scene-types';

/** The scene's node with this id; fails the test, listing the ids there are, when there is none. */
export function sceneNode(scene: Scene, id: string): SceneNode {
  const found = scene.nodes.find((n) => n.id === id);
  assert.ok(found, `no node ${id} in ${scene.nodes.map((n) => n.id).join(', ')}`);
  return found;
}

/** Whether `child`'s box lies within `parent`'s. */
export function inside(child: SceneNode, parent: SceneNode): boolean {
  return (
    child.x >= parent.x &&
    child.y >= parent.y &&
    child.x + child.width <= parent.x + parent.width &&
    child.y + child.height <= parent.y + parent.height
  );
}
