/** The parameters a link carried that the page could not read: named, never silently dropped (STYLE.md rule 6). */
export function IgnoredFromLink({ dropped }: { dropped: readonly string[] }) {
  if (dropped.length === 0) return null;
  return (
    <p className="banner banner-warning" role="status">
      Ignored from the link: {dropped.join(', ')}.
    </p>
  );
}
