// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { Preview } from './Preview';

afterEach(cleanup);

describe('the preview', () => {
  it('shows a single line break as a line break, as the PDF prints it', () => {
    render(<Preview kind="talking_point" title="Regular dialogue" portion="(U)" body={'Hold vice-ministerial talks twice a year\nCoordinate at the UN'} />);
    const paragraph = screen.getByText(/Hold vice-ministerial talks/).closest('p');
    expect(paragraph?.querySelectorAll('br')).toHaveLength(1);
    expect(paragraph?.textContent).toBe('Hold vice-ministerial talks twice a yearCoordinate at the UN');
    expect(paragraph?.innerHTML).toMatch(/twice a year<br>Coordinate/);
  });
});
