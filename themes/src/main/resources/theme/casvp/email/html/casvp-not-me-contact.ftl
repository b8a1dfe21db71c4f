<#--
  To the security contact: an agent used "this wasn't me". Variables: casvpAgent, casvpWhen,
  casvpSessionsEnded, casvpDevicesForgotten (auto-escaped).
-->
<#import "template.ftl" as layout>
<@layout.emailLayout>
<p style="margin:0 0 16px 0;">${msg("casvp.email.notMeContact.what", casvpAgent, casvpWhen)}</p>
<ul style="margin:0 0 16px 0;">
  <li>${msg("casvp.email.notMeContact.sessions", casvpSessionsEnded)}</li>
  <li>${msg("casvp.email.notMeContact.devices", casvpDevicesForgotten)}</li>
  <li>${msg("casvp.email.notMeContact.password")}</li>
</ul>
<p style="margin:0;">${msg("casvp.email.notMeContact.next")}</p>
</@layout.emailLayout>
