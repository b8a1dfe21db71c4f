<#-- casvp-password-form: too many failed sign-ins from this address (password spraying), status 429. -->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=false; section>
    <#if section = "header">
        ${msg("casvp.tooManyAttempts.title")}
    <#elseif section = "form">
        <div id="casvp-too-many-attempts" class="${properties.kcContentWrapperClass!}">
            <p id="casvp-retry-at">${msg("casvp.tooManyAttempts.retryAt", casvpRetryAt)}</p>
            <p>${msg("casvp.tooManyAttempts.why")}</p>
            <#if (properties.casvpHelpdeskPhone!"")?has_content>
                <p>${msg("casvp.tooManyAttempts.help", properties.casvpHelpdeskPhone)}</p>
            </#if>
        </div>
    </#if>
</@layout.registrationLayout>
