/**
 * Hands text to the browser as a download. A Blob URL rather than a data: URL:
 * data: URLs are capped in length by browsers, and a 100,000-span trace is ~50 MB.
 */
export function saveTextFile(fileName: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // the click starts the download synchronously; revoke on the next task so it has the URL
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
