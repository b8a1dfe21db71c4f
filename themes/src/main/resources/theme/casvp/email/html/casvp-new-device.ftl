<#--
  New device / unusual network alert. Variables (strings from the bundle, auto-escaped):
  casvpWhen, casvpBrowser, casvpOs, casvpNetwork, casvpReason (newDevice, unusualNetwork,
  newDeviceAndNetwork), casvpNotMeLink, casvpNotMeDays. No sign-in link, on purpose.
-->
<#import "template.ftl" as layout>
<@layout.emailLayout>
<p style="margin:0 0 16px 0;">${msg("casvp.email.greeting")}</p>
<p style="margin:0 0 16px 0;">${msg("casvp.email.newDevice.reason.${casvpReason}")}</p>
<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:0 0 16px 0;font-size:15px;">
  <tr><td style="padding:2px 12px 2px 0;color:#4f5255;">${msg("casvp.email.newDevice.when")}</td><td id="casvp-when">${casvpWhen}</td></tr>
  <tr><td style="padding:2px 12px 2px 0;color:#4f5255;">${msg("casvp.email.newDevice.browser")}</td><td id="casvp-browser">${casvpBrowser}</td></tr>
  <tr><td style="padding:2px 12px 2px 0;color:#4f5255;">${msg("casvp.email.newDevice.os")}</td><td id="casvp-os">${casvpOs}</td></tr>
  <tr><td style="padding:2px 12px 2px 0;color:#4f5255;">${msg("casvp.email.newDevice.network")}</td><td id="casvp-network">${casvpNetwork}</td></tr>
</table>
<p style="margin:0 0 8px 0;"><strong>${msg("casvp.email.newDevice.ifYou")}</strong></p>
<p style="margin:0 0 16px 0;"><strong>${msg("casvp.email.newDevice.ifNotYou")}</strong></p>
<p style="margin:0 0 16px 0;">
  <a id="casvp-not-me-link" href="${casvpNotMeLink}" style="display:inline-block;background-color:#c9190b;color:#ffffff;padding:10px 20px;text-decoration:none;font-weight:bold;border-radius:3px;">${msg("casvp.email.newDevice.notMeButton")}</a>
</p>
<p style="margin:0 0 16px 0;">${msg("casvp.email.newDevice.notMeExplained", casvpNotMeDays)}</p>
<p style="margin:0;">${msg("casvp.email.newDevice.check")}</p>
</@layout.emailLayout>
