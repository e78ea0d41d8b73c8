import { html, type SafeHtml } from '../pages/html';
import { renderDocument } from '../pages/page-layout';
import { SERVICE_LOGO, SERVICE_NAME } from '../pages/page-header-html';

/** A page of the sign-in's own (no one is signed in): NHS.UK header without search or menu. */
function renderAuthPage(title: string, body: SafeHtml): string {
  return renderDocument({
    title,
    header: html`<header class="nhsuk-header" data-module="nhsuk-header" role="banner">
      <div class="nhsuk-header__container nhsuk-width-container">
        <div class="nhsuk-header__service">${SERVICE_LOGO}</div>
      </div>
    </header>`,
    main: html`<main class="nhsuk-main-wrapper" id="maincontent">
      <h1>${title}</h1>
      ${body}
    </main>`,
    footer: html`<footer class="nhsuk-footer" role="contentinfo">
      <div class="nhsuk-width-container">
        <div class="nhsuk-footer__meta">
          <p class="nhsuk-body-s">${SERVICE_NAME}: Trac to ESR, once.</p>
        </div>
      </div>
    </footer>`,
  });
}

/** A link styled as the NHS.UK start button (a GET: no form, no token needed). */
const buttonLink = (href: string, text: string) =>
  html`<a class="nhsuk-button" data-module="nhsuk-button" role="button" draggable="false" href="${href}"
    >${text}</a
  >`;

const signInHref = (returnTo?: string) =>
  returnTo && returnTo !== '/admin'
    ? `/auth/sign-in?returnTo=${encodeURIComponent(returnTo)}`
    : '/auth/sign-in';

export function renderSignedOutPage(): string {
  return renderAuthPage(
    'You have signed out',
    html`<p>You have signed out of ${SERVICE_NAME}. Close this window if you are on a shared computer.</p>
      ${buttonLink('/auth/sign-in', 'Sign in again')}`,
  );
}

export function renderSessionExpiredPage(
  minutes: { idle: number; hours: number },
  returnTo?: string,
): string {
  return renderAuthPage(
    'Your session has ended',
    html`<p>
        For your security you were signed out: nothing was done for ${minutes.idle} minutes, or you signed in
        more than ${minutes.hours} hours ago. Nothing in the service was changed.
      </p>
      <p>Sign in again to carry on where you were.</p>
      ${buttonLink(signInHref(returnTo), 'Sign in again')}`,
  );
}

/** For a person whose account gives no role here, or no organisation: nothing else is shown. */
export function renderNotAuthorisedPage(providerSignOutUrl: string | undefined): string {
  return renderAuthPage(
    'You are not authorised to use this service',
    html`<p>
        You signed in, but your account does not give you a role in ${SERVICE_NAME} (HR admin or support), or
        does not say which NHS organisations you act for.
      </p>
      <p>
        Ask the person who manages access to ${SERVICE_NAME} in your organisation to give your account the
        right role and organisations. Then sign in again.
      </p>
      ${
        providerSignOutUrl
          ? html`<p>
              <a class="nhsuk-link" href="${providerSignOutUrl}">Sign out of your organisation account</a> to
              sign in as someone else.
            </p>`
          : ''
      }`,
  );
}

/** A sign-in that came back wrong (or too late): try again. */
export function renderSignInFailedPage(): string {
  return renderAuthPage(
    'Sign-in did not complete',
    html`<p>
        Your sign-in could not be completed: it took longer than 10 minutes, was started in another window, or
        the address was not the one your organisation's sign-in page sent you to.
      </p>
      ${buttonLink('/auth/sign-in', 'Try signing in again')}`,
  );
}

/** The provider cannot be reached: the service waits for it. */
export function renderSignInUnavailablePage(): string {
  return renderAuthPage(
    'Sign-in is not available at the moment',
    html`<p>Your organisation's sign-in service cannot be reached. Try again in a few minutes.</p>
      ${buttonLink('/auth/sign-in', 'Try again')}`,
  );
}

/** A sign-out form that did not carry this session's token (another site, or an old page). */
export function renderSignOutRefusedPage(): string {
  return renderAuthPage(
    'You have not been signed out',
    html`<p>The sign-out came from an old page or from another website, so it was not carried out.</p>
      <p><a class="nhsuk-link" href="/admin">Go to the overview</a> and use its Sign out button.</p>`,
  );
}

/** Too many sign-ins started from one address in a minute. */
export function renderTooManySignInsPage(): string {
  return renderAuthPage(
    'Too many sign-ins',
    html`<p>
        Too many sign-ins were started from your network in the last minute. Wait a minute, then try again.
      </p>
      ${buttonLink('/auth/sign-in', 'Try again')}`,
  );
}

export { signInHref };
