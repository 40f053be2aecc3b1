// A generated Kubernetes manifest of `n` objects for the fuzz and the bench: Deployments and
// their Services in turn, each Deployment reaching the next one's Service by an env URL.

/** `n` documents; every `brokenEvery`-th one (when given) is broken YAML. `editLine` is a line a one-line edit may replace. */
export function manifestOfObjects(n: number, brokenEvery = 0): { text: string; editLine: number } {
  const docs: string[] = [];
  for (let i = 0; i < n; i++) {
    const app = `app-${Math.floor(i / 2)}`;
    if (brokenEvery > 0 && i % brokenEvery === brokenEvery - 1) docs.push(`apiVersion: v1\nkind: Service\nmetadata: { name: ${app}\n  oops: [\n`);
    else if (i % 2 === 0) {
      docs.push(
        `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${app}\n  annotations:\n    infra-review/capacity: "500"\nspec:\n  replicas: ${1 + (i % 3)}\n` +
          `  selector: { matchLabels: { app: ${app} } }\n  template:\n    metadata: { labels: { app: ${app} } }\n    spec:\n      containers:\n` +
          `        - name: c\n          image: example/${app}\n          env: [{ name: NEXT, value: "http://app-${Math.floor(i / 2) + 1}:80" }]\n`,
      );
    } else docs.push(`apiVersion: v1\nkind: Service\nmetadata:\n  name: ${app}\nspec:\n  selector: { app: ${app} }\n  ports: [{ port: 80 }]\n`);
  }
  const text = docs.join('---\n');
  const lines = text.split('\n');
  const middle = lines.findIndex((l, i) => i >= lines.length >> 1 && l === '    infra-review/capacity: "500"');
  return { text, editLine: middle };
}
