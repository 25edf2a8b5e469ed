/** Text with search matches marked: the store sends segments, so no HTML is ever injected. */
export function Segments({ segments }: { segments: readonly { text: string; hit: boolean }[] }) {
  return (
    <>
      {segments.map((segment, index) =>
        segment.hit ? <mark key={index}>{segment.text}</mark> : <span key={index}>{segment.text}</span>,
      )}
    </>
  );
}
