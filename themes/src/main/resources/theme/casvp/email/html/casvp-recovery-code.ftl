<#-- A recovery code. Variables: casvpCode, casvpPurpose (address, reset), casvpMinutes, casvpBrowser, casvpOs, casvpNetwork. Auto-escaped. -->
<#import "template.ftl" as layout>
<@layout.emailLayout>
<p style="margin:0 0 16px 0;">${msg("casvp.email.greeting")}</p>
<p style="margin:0 0 16px 0;">${msg("casvp.email.recoveryCode.intro.${casvpPurpose}")}</p>
<p style="margin:0 0 16px 0;font-size:28px;font-weight:bold;letter-spacing:4px;" id="casvp-code">${casvpCode}</p>
<p style="margin:0 0 16px 0;">${msg("casvp.email.code.validity", casvpMinutes)}</p>
<p style="margin:0 0 8px 0;">${msg("casvp.email.code.askedFrom", casvpBrowser, casvpOs, casvpNetwork)}</p>
<p style="margin:0;"><strong>${msg("casvp.email.recoveryCode.notYou.${casvpPurpose}")}</strong></p>
</@layout.emailLayout>
