/**
 * Hands a Blob to the user as a file download, through a temporary link.
 *
 * Why a link and not `window.open`: the file keeps its Chinese name (`download`), and nothing
 * navigates away from the page.
 */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoke later: the download starts after the click returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
