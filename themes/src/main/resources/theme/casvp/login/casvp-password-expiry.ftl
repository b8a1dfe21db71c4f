<#-- casvp-password-expiry: an admin account's password expires soon. -->
<#import "template.ftl" as layout>
<#import "buttons.ftl" as buttons>
<#import "casvp-fields.ftl" as fields>
<@layout.registrationLayout displayMessage=false; section>
    <#if section = "header">
        ${msg("casvp.expiry.title")}
    <#elseif section = "form">
        <div id="casvp-password-expiry" class="${properties.kcContentWrapperClass!} casvp-page">
            <@fields.alert type="warning" id="casvp-days-left" title=msg("casvp.expiry.daysLeft", casvpDaysLeft)>
                <p>${msg("casvp.expiry.why")}</p>
            </@fields.alert>
            <form id="casvp-password-expiry-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
                <@buttons.actionGroup>
                    <@buttons.button id="casvp-change-now" name="change" value="now" label="casvp.expiry.changeNow"/>
                    <@buttons.button id="casvp-later" name="later" value="later" type="secondary" label="casvp.expiry.later"/>
                </@buttons.actionGroup>
            </form>
        </div>
    </#if>
</@layout.registrationLayout>
