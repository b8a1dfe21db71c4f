<#--
  Sign-in locked for an agent's browsers. Variables: casvpUnlockAt (Paris time),
  casvpScope (knownBrowser, unknownBrowsers), casvpAgent. Auto-escaped.
-->
<#import "template.ftl" as layout>
<@layout.emailLayout>
<p style="margin:0 0 16px 0;">${msg("casvp.email.greeting")}</p>
<p style="margin:0 0 16px 0;">${msg("casvp.email.locked.what.${casvpScope}")}</p>
<p style="margin:0 0 16px 0;" id="casvp-unlock-at"><strong>${msg("casvp.email.locked.until", casvpUnlockAt)}</strong></p>
<p style="margin:0 0 8px 0;">${msg("casvp.email.locked.whatToDo")}</p>
<ul style="margin:0 0 16px 0;">
  <li>${msg("casvp.email.locked.wait")}</li>
  <li>${msg("casvp.email.locked.reset")}</li>
  <li>${msg("casvp.email.locked.helpdesk")}</li>
</ul>
<p style="margin:0;">${msg("casvp.email.locked.notYou")}</p>
</@layout.emailLayout>
