import { h, type ComponentChildren } from 'preact';
import type { MarkdownNode } from '@/lib/markdown';

/**
 * A tip's Markdown tree (lib/markdown's markdownTree) as elements. Only the tree's own tags exist
 * and every string is a text node, so nothing in it can become markup; its links are http(s).
 */
export function MarkdownTree({ nodes }: { nodes: readonly MarkdownNode[] }) {
  return <>{nodes.map(toElement)}</>;
}

function toElement(node: MarkdownNode, key: number): ComponentChildren {
  if (typeof node === 'string') return node;
  const children = node.children.map(toElement);
  if (node.tag === 'a')
    return h('a', { key, href: node.href, target: '_blank', rel: 'noopener noreferrer' }, children);
  return h(
    node.tag,
    { key, dir: node.tag === 'p' || node.tag === 'li' ? 'auto' : undefined },
    children,
  );
}
