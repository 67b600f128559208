import { describe, expect, it } from 'vitest';
import { decideNavigation, decideWindowOpen, externalLinkTarget } from './navigation-policy';

describe('the navigation policy', () => {
  it("allows navigation between the app's own pages", () => {
    expect(decideNavigation('app://listprep/index.html?open=1')).toEqual({
      allow: true,
      openExternally: null,
    });
  });

  it('keeps the window on the app and sends a web link to the system browser instead', () => {
    expect(decideNavigation('https://clienttether.com/help')).toEqual({
      allow: false,
      openExternally: 'https://clienttether.com/help',
    });
  });

  it('drops every other destination without opening anything', () => {
    for (const url of [
      'file:///etc/passwd',
      'app://evil/index.html',
      'javascript:alert(1)',
      'data:text/html,<script>1</script>',
      'smb://server/share',
      'ms-msdt:/id PCWDiagnostic',
      'chrome://settings',
      'devtools://devtools/bundled/inspector.html',
      'not a url',
    ]) {
      expect(decideNavigation(url), url).toEqual({ allow: false, openExternally: null });
    }
  });

  it('never opens a new app window; web links from window.open go to the browser', () => {
    expect(decideWindowOpen('app://listprep/index.html')).toEqual({ allow: false, openExternally: null });
    expect(decideWindowOpen('http://example.com/x')).toEqual({
      allow: false,
      openExternally: 'http://example.com/x',
    });
  });

  it('refuses links with embedded credentials or absurd length', () => {
    expect(externalLinkTarget('https://user:pw@bank.example')).toBeNull();
    expect(externalLinkTarget(`https://example.com/${'a'.repeat(3000)}`)).toBeNull();
  });
});
