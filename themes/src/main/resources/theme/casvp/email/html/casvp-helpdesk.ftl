<#-- The helpdesk acted on the account. Variables: casvpKind (helpdesk_code, helpdesk_secured), casvpWhen. Auto-escaped. -->
<#import "template.ftl" as layout>
<@layout.emailLayout>
<p style="margin:0 0 16px 0;">${msg("casvp.email.greeting")}</p>
<p style="margin:0 0 16px 0;" id="casvp-helpdesk-what">${msg("casvp.email.helpdesk.what.${casvpKind}", casvpWhen)}</p>
<p style="margin:0 0 8px 0;">${msg("casvp.email.helpdesk.next.${casvpKind}")}</p>
<p style="margin:0;"><strong>${msg("casvp.email.helpdesk.ifNotYou")}</strong></p>
</@layout.emailLayout>
