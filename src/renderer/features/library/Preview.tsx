import { useMemo, type ReactNode } from 'react';
import { parseBriefbookText, type TextRun } from '../../../shared/briefbook-text';
import { KIND_LABELS, type ItemKind } from '../../../shared/domain';

function Runs({ runs }: { runs: readonly TextRun[] }) {
  return (
    <>
      {runs.map((run, i) => {
        // a single line break is the writer's and prints as one (the PDF keeps it too)
        let node: ReactNode = run.text.includes('\n')
          ? run.text.split('\n').flatMap((part, k) => (k === 0 ? [part] : [<br key={k} />, part]))
          : run.text;
        if (run.italic) node = <em>{node}</em>;
        if (run.bold) node = <strong>{node}</strong>;
        return <span key={i}>{node}</span>;
      })}
    </>
  );
}

/**
 * The body as the PDF will set it: the same parser (src/shared/briefbook-text.ts), so a
 * bullet or a bold run that shows here is the one that prints.
 */
export function Preview({ kind, title, body, portion, label = 'Preview' }: { kind: ItemKind; title: string; body: string; portion: string; label?: string }) {
  const doc = useMemo(() => parseBriefbookText(body), [body]);
  return (
    <section className={`preview kind-${kind}`} aria-label={label}>
      <div className="preview-kind">{KIND_LABELS[kind]}</div>
      <h4 className="preview-title">
        {portion !== '' && <span className="preview-portion">{portion}</span>} {title}
      </h4>
      {doc.blocks.length === 0 && <p className="preview-empty">Nothing written yet.</p>}
      {doc.blocks.map((block, i) =>
        block.type === 'paragraph' ? (
          <p key={i}>
            <Runs runs={block.runs} />
          </p>
        ) : block.ordered ? (
          <ol key={i} start={block.start}>
            {block.entries.map((entry, j) => (
              <li key={j}>
                <Runs runs={entry.runs} />
                {entry.children && <NestedList list={entry.children} />}
              </li>
            ))}
          </ol>
        ) : (
          <ul key={i}>
            {block.entries.map((entry, j) => (
              <li key={j}>
                <Runs runs={entry.runs} />
                {entry.children && <NestedList list={entry.children} />}
              </li>
            ))}
          </ul>
        ),
      )}
    </section>
  );
}

function NestedList({ list }: { list: { ordered: boolean; start: number; entries: { runs: TextRun[] }[] } }) {
  const items = list.entries.map((entry, k) => (
    <li key={k}>
      <Runs runs={entry.runs} />
    </li>
  ));
  return list.ordered ? <ol start={list.start}>{items}</ol> : <ul>{items}</ul>;
}
