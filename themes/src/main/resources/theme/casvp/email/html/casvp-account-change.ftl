<#--
  Password or second factor changed. Variables: casvpKind (password_changed,
  second_factor_added, second_factor_removed), casvpBy (agent, helpdesk), casvpWhen. Auto-escaped.
-->
<#import "template.ftl" as layout>
<@layout.emailLayout>
<p style="margin:0 0 16px 0;">${msg("casvp.email.greeting")}</p>
<p style="margin:0 0 16px 0;" id="casvp-change-what">${msg("casvp.email.change.what.${casvpKind}.${casvpBy}", casvpWhen)}</p>
<p style="margin:0 0 8px 0;">${msg("casvp.email.change.ifYou")}</p>
<p style="margin:0;"><strong>${msg("casvp.email.change.ifNotYou")}</strong></p>
</@layout.emailLayout>
