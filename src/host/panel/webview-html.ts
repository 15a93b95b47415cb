import type * as vscode from 'vscode';

/** A nonce for the one script the panel runs (128 random bits, base64). */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString('base64');
}

/**
 * The panel's page: the bundled React app and its stylesheet, nothing remote. The CSP allows
 * only the nonce'd script and resources from the extension's own webview origin.
 */
export function webviewHtml(options: {
  webview: vscode.Webview;
  scriptUri: vscode.Uri;
  styleUri: vscode.Uri;
  nonce: string;
}): string {
  const { webview, nonce } = options;
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `img-src ${webview.cspSource} data:`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${options.styleUri.toString()}">
<title>Tandem</title>
</head>
<body>
<div id="root"></div>
<script nonce="${nonce}" src="${options.scriptUri.toString()}"></script>
</body>
</html>`;
}
