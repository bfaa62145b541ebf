import type { ReactNode } from 'react';

/**
 * A small Markdown renderer for article and page bodies: headings (#, ##, ###), paragraphs, "-"/"*" lists,
 * **bold**, *italic* and [links](https://...). Raw HTML is never rendered: everything becomes React text,
 * and links keep only http(s), mailto and site-relative addresses.
 */
export function Markdown({ text }: { text: string }) {
  const blocks = text.replace(/\r\n?/g, '\n').split(/\n{2,}/).map((b) => b.trim()).filter(Boolean);
  return (
    <>
      {blocks.map((block, i) => {
        const heading = /^(#{1,3})\s+(.*)$/.exec(block);
        if (heading) {
          const level = (heading[1] ?? '#').length;
          const content = inline(heading[2] ?? '');
          return level === 1 ? <h2 key={i}>{content}</h2> : level === 2 ? <h3 key={i}>{content}</h3> : <h4 key={i}>{content}</h4>;
        }
        const lines = block.split('\n');
        if (lines.every((l) => /^\s*[-*]\s+/.test(l))) {
          return <ul key={i}>{lines.map((l, j) => <li key={j}>{inline(l.replace(/^\s*[-*]\s+/, ''))}</li>)}</ul>;
        }
        return <p key={i}>{inline(lines.join(' '))}</p>;
      })}
    </>
  );
}

const safeHref = (href: string) => /^(https?:|mailto:|\/(?!\/))/i.test(href) ? href : undefined;

function inline(text: string): ReactNode[] {
  const parts: ReactNode[] = [];
  const pattern = /\*\*(.+?)\*\*|\*(.+?)\*|\[([^\]]+)\]\(([^)\s]+)\)/g;
  let last = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    if (m.index > last) parts.push(text.slice(last, m.index));
    const key = parts.length;
    if (m[1] !== undefined) parts.push(<strong key={key}>{m[1]}</strong>);
    else if (m[2] !== undefined) parts.push(<em key={key}>{m[2]}</em>);
    else {
      const href = safeHref(m[4] ?? '');
      parts.push(href ? <a key={key} href={href}>{m[3]}</a> : m[3]);
    }
    last = pattern.lastIndex;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}
