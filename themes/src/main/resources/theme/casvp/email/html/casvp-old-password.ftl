<#-- One of the agent's devices still uses the previous password. Variables: casvpBrowser, casvpOs, casvpNetwork. -->
<#import "template.ftl" as layout>
<@layout.emailLayout>
<p style="margin:0 0 16px 0;">${msg("casvp.email.greeting")}</p>
<p style="margin:0 0 16px 0;">${msg("casvp.email.oldPassword.what")}</p>
<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:0 0 16px 0;font-size:15px;">
  <tr><td style="padding:2px 12px 2px 0;color:#4f5255;">${msg("casvp.email.newDevice.browser")}</td><td id="casvp-browser">${casvpBrowser}</td></tr>
  <tr><td style="padding:2px 12px 2px 0;color:#4f5255;">${msg("casvp.email.newDevice.os")}</td><td id="casvp-os">${casvpOs}</td></tr>
  <tr><td style="padding:2px 12px 2px 0;color:#4f5255;">${msg("casvp.email.newDevice.network")}</td><td id="casvp-network">${casvpNetwork}</td></tr>
</table>
<p style="margin:0 0 16px 0;">${msg("casvp.email.oldPassword.howTo")}</p>
<p style="margin:0;">${msg("casvp.email.oldPassword.why")}</p>
</@layout.emailLayout>
