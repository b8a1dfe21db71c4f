<#-- The recovery address changed. Variables: casvpKind (changed, verified), casvpNewAddress (masked), casvpWhen. Auto-escaped. -->
<#import "template.ftl" as layout>
<@layout.emailLayout>
<p style="margin:0 0 16px 0;">${msg("casvp.email.greeting")}</p>
<p style="margin:0 0 16px 0;" id="casvp-recovery-address-what">${msg("casvp.email.recoveryAddress.what.${casvpKind}", casvpNewAddress, casvpWhen)}</p>
<p style="margin:0 0 8px 0;">${msg("casvp.email.change.ifYou")}</p>
<p style="margin:0;"><strong>${msg("casvp.email.change.ifNotYou")}</strong></p>
</@layout.emailLayout>
