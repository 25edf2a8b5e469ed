import { useEffect, useRef, useState } from 'react';
import { getDocument, GlobalWorkerOptions, type PDFDocumentProxy } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

GlobalWorkerOptions.workerSrc = workerUrl;

/** The real PDF as it will be saved, rendered by pdf.js: page thumbnails and the page chosen. */
export function PdfPreview({ bytes, label }: { bytes: Uint8Array; label: string }) {
  const [doc, setDoc] = useState<PDFDocumentProxy | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [page, setPage] = useState(1);

  useEffect(() => {
    let cancelled = false;
    // pdf.js takes ownership of the buffer it reads: give it a copy, keep ours for saving
    const task = getDocument({ data: bytes.slice(), isEvalSupported: false, useSystemFonts: false, useWasm: false, enableXfa: false });
    task.promise.then(
      (loaded) => {
        if (cancelled) void loaded.destroy();
        else {
          setDoc(loaded);
          setPage(1);
        }
      },
      (e: unknown) => !cancelled && setError(e instanceof Error ? e.message : 'The PDF could not be shown.'),
    );
    return () => {
      cancelled = true;
      void task.destroy();
    };
  }, [bytes]);

  if (error !== null) return <div className="error-state">The preview could not be drawn: {error}. The file itself can still be saved.</div>;
  if (doc === null) return <div className="loading">Drawing the preview…</div>;
  const pages = Array.from({ length: doc.numPages }, (_, i) => i + 1);
  return (
    <div className="pdf-preview" aria-label={`Preview of ${label}`}>
      <ol className="thumbs" aria-label="Pages">
        {pages.map((n) => (
          <li key={n}>
            <button type="button" className={`thumb ${n === page ? 'current' : ''}`} aria-label={`Page ${n}`} aria-current={n === page ? 'page' : undefined} onClick={() => setPage(n)}>
              <PageCanvas doc={doc} pageNumber={n} width={96} lazy />
              <span>{n}</span>
            </button>
          </li>
        ))}
      </ol>
      <div className="page-view">
        <div className="page-nav">
          <button type="button" onClick={() => setPage((p) => Math.max(1, p - 1))} disabled={page === 1} aria-label="Previous page">
            ‹
          </button>
          <span>
            Page {page} of {doc.numPages}
          </span>
          <button type="button" onClick={() => setPage((p) => Math.min(doc.numPages, p + 1))} disabled={page === doc.numPages} aria-label="Next page">
            ›
          </button>
        </div>
        <PageCanvas doc={doc} pageNumber={page} width={560} />
      </div>
    </div>
  );
}

export function PageCanvas({ doc, pageNumber, width, lazy = false }: { doc: PDFDocumentProxy; pageNumber: number; width: number; lazy?: boolean }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [visible, setVisible] = useState(!lazy);
  // which drawing the canvas holds in full: until then it is busy (aria-busy), and a screen
  // reader, or a test, knows the page is not finished yet
  const [drawn, setDrawn] = useState<{ doc: PDFDocumentProxy; pageNumber: number; width: number } | null>(null);
  const busy = drawn === null || drawn.doc !== doc || drawn.pageNumber !== pageNumber || drawn.width !== width;
  useEffect(() => {
    if (visible || ref.current === null) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) setVisible(true);
    });
    observer.observe(ref.current);
    return () => observer.disconnect();
  }, [visible]);
  useEffect(() => {
    if (!visible) return;
    let cancelled = false;
    let task: { cancel: () => void; promise: Promise<void> } | null = null;
    void doc.getPage(pageNumber).then((page) => {
      const canvas = ref.current;
      if (cancelled || canvas === null) return;
      const base = page.getViewport({ scale: 1 });
      const ratio = window.devicePixelRatio || 1;
      const viewport = page.getViewport({ scale: (width / base.width) * ratio });
      canvas.width = Math.floor(viewport.width);
      canvas.height = Math.floor(viewport.height);
      canvas.style.width = `${width}px`;
      canvas.style.height = `${Math.floor(viewport.height / ratio)}px`;
      task = page.render({ canvas, viewport });
      task.promise.then(
        () => !cancelled && setDrawn({ doc, pageNumber, width }),
        () => undefined,
      );
    });
    return () => {
      cancelled = true;
      task?.cancel();
    };
  }, [doc, pageNumber, width, visible]);
  return (
    <canvas
      ref={ref}
      className="page-canvas"
      aria-hidden={lazy}
      aria-busy={busy}
      role={lazy ? undefined : 'img'}
      aria-label={lazy ? undefined : `Page ${pageNumber}`}
      width={width}
      height={Math.round(width * 1.414)}
    />
  );
}
