<#-- casvp-password-form: too many failed sign-ins from this address (password spraying), status 429. -->
<#import "template.ftl" as layout>
<#import "casvp-fields.ftl" as fields>
<@layout.registrationLayout displayMessage=false; section>
    <#if section = "header">
        ${msg("casvp.tooManyAttempts.title")}
    <#elseif section = "form">
        <div id="casvp-too-many-attempts" class="${properties.kcContentWrapperClass!} casvp-page">
            <@fields.alert type="danger" id="casvp-retry-at" title=msg("casvp.tooManyAttempts.retryAt", casvpRetryAt)>
                <p>${msg("casvp.tooManyAttempts.why")}</p>
            </@fields.alert>
            <#if (properties.casvpHelpdeskPhone!"")?has_content>
                <p>${msg("casvp.tooManyAttempts.help", properties.casvpHelpdeskPhone)}</p>
            </#if>
        </div>
    </#if>
</@layout.registrationLayout>
