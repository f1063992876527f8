/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_NETSH_POLICY_STORE_H
#define IPSEC_NETSH_POLICY_STORE_H

#include "ipsec-netsh-command-reader.h"
#include "ipsec-netsh-security-methods.h"

#include "ns3/ipsec-filter.h"

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace ns3
{

/** \ingroup ipsec \brief One filter of a netsh filter list (its action comes from the rule). */
struct IpsecNetshFilter
{
    IpsecFilter filter; //!< addresses, protocol, ports, mirrored, description (action unused)
    uint32_t line{0};   //!< the line that added it
};

/** \ingroup ipsec \brief A netsh filter list (`add filterlist`, `add filter`). */
struct IpsecNetshFilterList
{
    std::string name;                      //!< name (compared without case)
    std::string description;               //!< description
    std::vector<IpsecNetshFilter> filters; //!< filters in the order added
    uint32_t line{0};                      //!< the line that created it
};

/** \ingroup ipsec \brief A netsh filter action (`add filteraction`). */
struct IpsecNetshFilterAction
{
    std::string name;                                       //!< name
    std::string description;                                //!< description
    bool qmpfs{false};                                      //!< quick mode (session key) PFS
    bool inpass{false};                                     //!< accept unsecured, respond secured
    bool soft{false};                                       //!< fall back to clear
    IpsecFilterAction action{IpsecFilterAction::NEGOTIATE}; //!< permit, block or negotiate
    std::optional<IpsecNetshQuickModeMethods> qmsecmethods; //!< when given
    uint32_t line{0};                                       //!< the line that last changed it
};

/** \ingroup ipsec \brief One authentication method of a rule, in the order written. */
struct IpsecNetshAuthMethod
{
    /** The three methods of Windows Server 2003. */
    enum Kind
    {
        KERBEROS, //!< kerberos=yes
        PSK,      //!< psk="key"
        ROOTCA,   //!< rootca="CA name certmap:no excludecaname:no"
    };
    Kind kind{KERBEROS};        //!< the method
    std::string value;          //!< the key (PSK) or the CA's name (ROOTCA)
    bool excludeCaName{false};  //!< ROOTCA: excludecaname:yes
};

/** \ingroup ipsec \brief A rule of a netsh policy (`add rule`). */
struct IpsecNetshRule
{
    std::string name;                        //!< name
    std::string filterList;                  //!< filter list name
    std::string filterAction;                //!< filter action name
    std::optional<Ipv4Address> tunnel;       //!< tunnel endpoint
    std::string connType{"all"};             //!< all, lan or dialup
    bool activate{true};                     //!< active in its policy
    std::string description;                 //!< description
    std::vector<IpsecNetshAuthMethod> auth;  //!< authentication methods, most preferred first
    uint32_t line{0};                        //!< the line that last changed it
};

/** \ingroup ipsec \brief A netsh IPsec policy (`add policy`) and its rules. */
struct IpsecNetshPolicy
{
    std::string name;                          //!< name
    std::string description;                   //!< description
    bool mmpfs{false};                         //!< master key PFS
    std::optional<uint32_t> qmpermm;           //!< quick modes per main mode, when given
    std::optional<uint32_t> mmlifetime;        //!< main mode lifetime in minutes, when given
    bool activateDefaultRule{true};            //!< default response rule
    uint32_t pollingInterval{180};             //!< minutes (no effect on a local policy)
    bool assigned{false};                      //!< the assigned policy
    std::optional<std::string> mmsecmethods;   //!< module form ("3des-sha1-2,..."), when given
    std::vector<IpsecNetshRule> rules;         //!< rules in the order added
    uint32_t line{0};                          //!< the line that created it
};

/** \ingroup ipsec \brief `netsh ipsec dynamic set config` values the module models. */
struct IpsecNetshDynamicConfig
{
    std::optional<int> ipsecExempt;             //!< NoDefaultExempt 0-3
    std::optional<std::string> bootMode;        //!< stateful, block or permit
    std::optional<std::string> bootExemptions;  //!< e.g. "TCP:any:3389:inbound", or "none"
};

/**
 * \ingroup ipsec
 * \brief The static policy store a netsh script builds (Windows' local policy store), and the
 *        dynamic configuration it sets.
 *
 * Run() executes each command as netsh would, in order; names of policies, filter lists,
 * filter actions and rules compare without case. Nothing touches a node: see
 * IpsecNetshPolicyMapper for that, and IpsecHelper::LoadNetshScript for both.
 */
class IpsecNetshPolicyStore
{
  public:
    /**
     * \brief Run a script.
     * \param text the script (lines as in a file run with `netsh -f`)
     * \throw IpsecNetshError naming the line, the command and why
     */
    void Run(const std::string& text);

    /**
     * \brief Run a script file.
     * \param path the file
     * \throw IpsecConfigError (field "file") if it cannot be read; IpsecNetshError as Run
     */
    void RunFile(const std::string& path);

    /**
     * \brief Run one command.
     * \param command the command
     * \throw IpsecNetshError naming the line, the command and why
     */
    void Execute(const IpsecNetshCommand& command);

    /** \return the policies, in the order added */
    const std::vector<IpsecNetshPolicy>& GetPolicies() const;
    /** \return the filter lists, in the order added */
    const std::vector<IpsecNetshFilterList>& GetFilterLists() const;
    /** \return the filter actions, in the order added */
    const std::vector<IpsecNetshFilterAction>& GetFilterActions() const;
    /** \return the dynamic configuration set */
    const IpsecNetshDynamicConfig& GetDynamicConfig() const;
    /** \return the assigned policy, or nullptr */
    const IpsecNetshPolicy* GetAssignedPolicy() const;
    /** \param name a name (any case) \return the filter list, or nullptr */
    const IpsecNetshFilterList* FindFilterList(const std::string& name) const;
    /** \param name a name (any case) \return the filter action, or nullptr */
    const IpsecNetshFilterAction* FindFilterAction(const std::string& name) const;

    /**
     * \brief Print the store as a netsh script that builds the same store (every value written
     *        out with its full tag; see IpsecNetshScriptPrinter).
     * \param os output stream
     */
    void PrintScript(std::ostream& os) const;

  private:
    /** \param c command */
    void AddPolicy(const IpsecNetshCommand& c);
    /** \param c command */
    void SetPolicy(const IpsecNetshCommand& c);
    /** \param c command */
    void AddFilterList(const IpsecNetshCommand& c);
    /** \param c command */
    void SetFilterList(const IpsecNetshCommand& c);
    /** \param c command */
    void AddFilter(const IpsecNetshCommand& c);
    /** \param c command */
    void DeleteFilter(const IpsecNetshCommand& c);
    /** \param c command */
    void AddOrSetFilterAction(const IpsecNetshCommand& c);
    /** \param c command */
    void AddOrSetRule(const IpsecNetshCommand& c);
    /** \param c command */
    void SetDefaultRule(const IpsecNetshCommand& c);
    /** \param c command */
    void Delete(const IpsecNetshCommand& c);
    /** \param c command */
    void SetStore(const IpsecNetshCommand& c);
    /** \param c command */
    void SetConfig(const IpsecNetshCommand& c);

    /**
     * \param a arguments of a policy command
     * \param policy the policy to change
     */
    static void ApplyPolicyTags(const IpsecNetshArguments& a, IpsecNetshPolicy& policy);
    /**
     * \param a arguments of add/set filter or delete filter
     * \return the filter they describe
     */
    static IpsecFilter ReadFilter(const IpsecNetshArguments& a);
    /**
     * \param a arguments of a rule command
     * \return the authentication methods given, in order
     */
    static std::vector<IpsecNetshAuthMethod> ReadAuth(const IpsecNetshArguments& a);

    /** \param name a name \return the policy, or nullptr */
    IpsecNetshPolicy* FindPolicy(const std::string& name);
    /** \param name a name \return the filter list, or nullptr */
    IpsecNetshFilterList* FindList(const std::string& name);
    /** \param name a name \return the filter action, or nullptr */
    IpsecNetshFilterAction* FindAction(const std::string& name);
    /** \param list a filter list name \return the first rule using it, or nullptr */
    const IpsecNetshRule* RuleUsingList(const std::string& list) const;
    /** \param action a filter action name \return the first rule using it, or nullptr */
    const IpsecNetshRule* RuleUsingAction(const std::string& action) const;

    std::vector<IpsecNetshPolicy> m_policies;          //!< policies
    std::vector<IpsecNetshFilterList> m_filterLists;   //!< filter lists
    std::vector<IpsecNetshFilterAction> m_filterActions; //!< filter actions
    IpsecNetshDynamicConfig m_config;                  //!< dynamic configuration
};

/**
 * \param a a name
 * \param b a name
 * \return true if equal without case (netsh names)
 */
bool IpsecNetshSameName(const std::string& a, const std::string& b);

} // namespace ns3

#endif /* IPSEC_NETSH_POLICY_STORE_H */
