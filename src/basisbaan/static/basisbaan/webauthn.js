/* Basisbaan: after a security key or passkey was added (django-otp-webauthn's
   registration script, otp_webauthn_register.js), load the page again, so the
   list shows the new key; the server's message says it was added. */
document.addEventListener("otp_webauthn.register_complete", function () {
  "use strict";
  window.location.reload();
});
