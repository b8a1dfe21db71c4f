<#--
  "Execute actions" email (admin asks the user to update password, configure OTP, ...).
  Variables from base: link, linkExpiration, realmName, requiredActions, linkExpirationFormatter.
  Everything is auto-escaped (HTML output format); no ?no_esc on any value.
-->
<#import "template.ftl" as layout>
<@layout.emailLayout>
<p style="margin:0 0 16px 0;">${msg("casvp.email.greeting")}</p>
<p style="margin:0 0 8px 0;">${msg("casvp.email.executeActions.intro", realmName)}</p>
<#if requiredActions?? && requiredActions?has_content>
<ul style="margin:0 0 16px 0;">
<#list requiredActions as reqActionItem>
  <li>${msg("requiredAction.${reqActionItem}")}</li>
</#list>
</ul>
</#if>
<p style="margin:0 0 16px 0;">
  <a href="${link}" style="display:inline-block;background-color:#0066cc;color:#ffffff;padding:10px 20px;text-decoration:none;font-weight:bold;border-radius:3px;">${msg("casvp.email.executeActions.button")}</a>
</p>
<p style="margin:0 0 4px 0;">${msg("casvp.email.executeActions.copyLink")}</p>
<p style="margin:0 0 16px 0;word-break:break-all;font-size:14px;"><a href="${link}" style="color:#0066cc;">${link}</a></p>
<p style="margin:0 0 16px 0;">${msg("casvp.email.executeActions.expiration", linkExpirationFormatter(linkExpiration))}</p>
<p style="margin:0;">${msg("casvp.email.executeActions.notExpected")}</p>
</@layout.emailLayout>
