<#-- casvp-not-me: the "this wasn't me" link of a device alert. Steps: confirm, done, used. -->
<#import "template.ftl" as layout>
<#import "casvp-fields.ftl" as fields>
<@layout.registrationLayout displayMessage=false; section>
    <#if section = "header">
        <#if casvpNotMeStep == "confirm">${msg("casvp.notMe.confirmTitle")}<#elseif casvpNotMeStep == "done">${msg("casvp.notMe.doneTitle")}<#else>${msg("casvp.notMe.usedTitle")}</#if>
    <#elseif section = "form">
        <div id="casvp-not-me" data-step="${casvpNotMeStep}" class="${properties.kcContentWrapperClass!} casvp-page">
            <#if casvpNotMeStep == "confirm">
                <p>${msg("casvp.notMe.confirmWhat")}</p>
                <ul class="${properties.kcListClass!}">
                    <li>${msg("casvp.notMe.effectSessions")}</li>
                    <li>${msg("casvp.notMe.effectDevices")}</li>
                    <li>${msg("casvp.notMe.effectPassword")}</li>
                </ul>
                <p><a id="casvp-not-me-confirm" href="${actionUri}" class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}">${msg("casvp.notMe.confirmButton")}</a></p>
                <p>${msg("casvp.notMe.confirmCancel")}</p>
            <#elseif casvpNotMeStep == "done">
                <@fields.alert type="success" id="casvp-not-me-done" title=msg("casvp.notMe.doneWhat")/>
                <h2 class="casvp-resources-title">${msg("casvp.notMe.nextTitle")}</h2>
                <ol class="${properties.kcListClass!}">
                    <li>${msg("casvp.notMe.next1")}</li>
                    <li>${msg("casvp.notMe.next2")}</li>
                    <li>${msg("casvp.notMe.next3")}</li>
                </ol>
            <#else>
                <@fields.alert type="info" id="casvp-not-me-used" title=msg("casvp.notMe.usedWhat")/>
            </#if>
            <#if (properties.casvpHelpdeskPhone!"")?has_content>
                <p id="casvp-not-me-helpdesk">${msg("casvp.notMe.help", properties.casvpHelpdeskPhone)}</p>
            </#if>
        </div>
    </#if>
</@layout.registrationLayout>
