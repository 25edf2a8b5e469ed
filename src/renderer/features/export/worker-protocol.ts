/** Messages between the export dialog and the PDF worker. */
import type { BookContent, PdfOptions } from '../../../shared/contract';
import type { PdfProblem } from '../../../pdf';

/** One PDF to make: the book (optionally a numbered copy) or the pocket card. */
export interface OutputSpec {
  kind: 'book' | 'card';
  label: string;
  copy?: { number: number; of: number; recipient: string };
}

export type ToWorker = { type: 'build'; job: number; content: BookContent; options: PdfOptions; outputs: OutputSpec[] };

export interface BuiltPdf {
  spec: OutputSpec;
  bytes: Uint8Array;
  pageCount: number;
  problems: PdfProblem[];
  fileName: string;
}

export type FromWorker =
  | { type: 'progress'; job: number; done: number; total: number; stage: string }
  | { type: 'done'; job: number; outputs: BuiltPdf[] }
  | { type: 'failed'; job: number; message: string; problems: PdfProblem[] };
