<#ftl output_format="plainText">
<#-- "Execute actions" email, plain-text part. Same variables as the HTML part. -->
${msg("casvp.email.greeting")}

${msg("casvp.email.executeActions.intro", realmName)}
<#if requiredActions?? && requiredActions?has_content>
<#list requiredActions as reqActionItem>
- ${msg("requiredAction.${reqActionItem}")}
</#list>
</#if>

${msg("casvp.email.executeActions.linkIntro")}
${link}

${msg("casvp.email.executeActions.expiration", linkExpirationFormatter(linkExpiration))}

${msg("casvp.email.executeActions.notExpected")}

--
${msg("casvp.email.footer")}
${msg("casvp.email.noPassword")}
