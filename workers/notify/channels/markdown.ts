/** A parenthesis or space inside the URL would end a markdown link early. */
export function markdownUrl(url: string): string {
  return url.replaceAll("(", "%28").replaceAll(")", "%29").replaceAll(" ", "%20");
}
