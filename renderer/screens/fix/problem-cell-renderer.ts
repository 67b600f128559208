import type { ICellRendererComp, ICellRendererParams } from 'ag-grid-community';
import type { RowData } from '../../../shared/list';

export type ProblemCellParams = ICellRendererParams<RowData> & {
  col: number;
  labels: Readonly<{ error: string; warning: string }>;
};

const svgNs = 'http://www.w3.org/2000/svg';

/** A drawn icon (no font needed): a circle for an error, a triangle for a warning, both with "!". */
function icon(severity: 'error' | 'warning'): SVGSVGElement {
  const svg = document.createElementNS(svgNs, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('width', '14');
  svg.setAttribute('height', '14');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', `lp-icon lp-icon-${severity}`);
  const shape =
    severity === 'error'
      ? document.createElementNS(svgNs, 'circle')
      : document.createElementNS(svgNs, 'path');
  if (severity === 'error') {
    shape.setAttribute('cx', '8');
    shape.setAttribute('cy', '8');
    shape.setAttribute('r', '7.5');
  } else {
    shape.setAttribute('d', 'M8 0.8 L15.6 15 H0.4 Z');
  }
  const mark = document.createElementNS(svgNs, 'path');
  mark.setAttribute('d', severity === 'error' ? 'M7 3.5h2v6H7zM7 11h2v2H7z' : 'M7 5.5h2v5H7zM7 11.5h2v2H7z');
  mark.setAttribute('class', 'lp-icon-mark');
  svg.append(shape, mark);
  return svg;
}

/**
 * A cell with a problem: an icon (so the problem is not shown by colour alone), the value, and the message
 * as text for screen readers (visually hidden). Plain DOM, no React: it renders for every visible problem
 * cell while scrolling.
 */
export class ProblemCellRenderer implements ICellRendererComp<RowData> {
  private readonly gui = document.createElement('span');
  private readonly text = document.createElement('span');
  private readonly spoken = document.createElement('span');
  private severity: 'error' | 'warning' | null = null;

  init(params: ProblemCellParams): void {
    this.gui.className = 'lp-problem-cell';
    this.text.className = 'lp-cell-text';
    this.spoken.className = 'lp-sr-only';
    this.gui.append(this.text, this.spoken);
    this.update(params);
  }

  getGui(): HTMLElement {
    return this.gui;
  }

  refresh(params: ProblemCellParams): boolean {
    this.update(params);
    return true;
  }

  private update(params: ProblemCellParams): void {
    const mark = params.data?.p?.[params.col] ?? null;
    const severity = mark?.severity ?? null;
    if (severity !== this.severity) {
      this.gui.querySelector('svg')?.remove();
      if (severity) this.gui.prepend(icon(severity));
      this.severity = severity;
    }
    this.text.textContent = String(params.valueFormatted ?? params.value ?? '');
    this.spoken.textContent = mark
      ? ` (${mark.severity === 'error' ? params.labels.error : params.labels.warning}: ${mark.message})`
      : '';
    // The message on hover. The spoken text above already carries it for screen readers.
    if (mark) this.gui.title = mark.message;
    else this.gui.removeAttribute('title');
  }
}
