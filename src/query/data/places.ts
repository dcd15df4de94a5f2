// Places a question may name that no loaded document covers: China's provinces, prefecture-level
// divisions and the districts of the two largest municipalities. Only used to tell "not loaded"
// from "not understood" ("深圳医保局三公" names 深圳, which is not loaded: say so, never answer for
// another city's 医保局). Loaded departments' own regions come from the documents, not from here.

const PROVINCES = '北京市 天津市 上海市 重庆市 河北省 山西省 内蒙古自治区 辽宁省 吉林省 黑龙江省 江苏省 浙江省 安徽省 福建省 江西省 山东省 河南省 湖北省 湖南省 广东省 广西壮族自治区 海南省 四川省 贵州省 云南省 西藏自治区 陕西省 甘肃省 青海省 宁夏回族自治区 新疆维吾尔自治区 台湾省 香港特别行政区 澳门特别行政区';

/** Prefecture-level cities, without their 市. */
const CITIES = `
石家庄 唐山 秦皇岛 邯郸 邢台 保定 张家口 承德 沧州 廊坊 衡水 太原 大同 阳泉 长治 晋城 朔州 晋中 运城 忻州 临汾 吕梁
呼和浩特 包头 乌海 赤峰 通辽 鄂尔多斯 呼伦贝尔 巴彦淖尔 乌兰察布 沈阳 大连 鞍山 抚顺 本溪 丹东 锦州 营口 阜新 辽阳 盘锦 铁岭
朝阳 葫芦岛 长春 吉林 四平 辽源 通化 白山 松原 白城 哈尔滨 齐齐哈尔 鸡西 鹤岗 双鸭山 大庆 伊春 佳木斯 七台河 牡丹江 黑河 绥化
南京 无锡 徐州 常州 苏州 南通 连云港 淮安 盐城 扬州 镇江 泰州 宿迁 杭州 宁波 温州 嘉兴 湖州 绍兴 金华 衢州 舟山 台州 丽水
合肥 芜湖 蚌埠 淮南 马鞍山 淮北 铜陵 安庆 黄山 滁州 阜阳 宿州 六安 亳州 池州 宣城 福州 厦门 莆田 三明 泉州 漳州 南平 龙岩 宁德
南昌 景德镇 萍乡 九江 新余 鹰潭 赣州 吉安 宜春 抚州 上饶 济南 青岛 淄博 枣庄 东营 烟台 潍坊 济宁 泰安 威海 日照 临沂 德州 聊城 滨州 菏泽
郑州 开封 洛阳 平顶山 安阳 鹤壁 新乡 焦作 濮阳 许昌 漯河 三门峡 南阳 商丘 信阳 周口 驻马店 济源
武汉 黄石 十堰 宜昌 襄阳 鄂州 荆门 孝感 荆州 黄冈 咸宁 随州 仙桃 潜江 天门
长沙 株洲 湘潭 衡阳 邵阳 岳阳 常德 张家界 益阳 郴州 永州 怀化 娄底
广州 韶关 深圳 珠海 汕头 佛山 江门 湛江 茂名 肇庆 惠州 梅州 汕尾 河源 阳江 清远 东莞 中山 潮州 揭阳 云浮
南宁 柳州 桂林 梧州 北海 防城港 钦州 贵港 玉林 百色 贺州 河池 来宾 崇左 海口 三亚 三沙 儋州
成都 自贡 攀枝花 泸州 德阳 绵阳 广元 遂宁 内江 乐山 南充 眉山 宜宾 广安 达州 雅安 巴中 资阳 贵阳 六盘水 遵义 安顺 毕节 铜仁
昆明 曲靖 玉溪 保山 昭通 丽江 普洱 临沧 拉萨 日喀则 昌都 林芝 山南 那曲 西安 铜川 宝鸡 咸阳 渭南 延安 汉中 榆林 安康 商洛
兰州 嘉峪关 金昌 白银 天水 武威 张掖 平凉 酒泉 庆阳 定西 陇南 西宁 海东 银川 石嘴山 吴忠 固原 中卫
乌鲁木齐 克拉玛依 吐鲁番 哈密 石河子`;

/** Autonomous prefectures, leagues and areas, each with the short name people use (- where it is an everyday word). */
const PREFECTURES = `兴安盟:兴安 锡林郭勒盟:锡林郭勒 阿拉善盟:阿拉善 延边朝鲜族自治州:延边 大兴安岭地区:大兴安岭 恩施土家族苗族自治州:恩施 神农架林区:神农架 湘西土家族苗族自治州:湘西
阿坝藏族羌族自治州:阿坝 甘孜藏族自治州:甘孜 凉山彝族自治州:凉山 黔西南布依族苗族自治州:黔西南 黔东南苗族侗族自治州:黔东南 黔南布依族苗族自治州:黔南
楚雄彝族自治州:楚雄 红河哈尼族彝族自治州:红河 文山壮族苗族自治州:文山 西双版纳傣族自治州:西双版纳 大理白族自治州:大理 德宏傣族景颇族自治州:德宏 怒江傈僳族自治州:怒江 迪庆藏族自治州:迪庆
阿里地区:- 临夏回族自治州:临夏 甘南藏族自治州:甘南 海北藏族自治州:- 黄南藏族自治州:黄南 海南藏族自治州:- 果洛藏族自治州:果洛 玉树藏族自治州:- 海西蒙古族藏族自治州:-
昌吉回族自治州:昌吉 博尔塔拉蒙古自治州:博尔塔拉 巴音郭楞蒙古自治州:巴音郭楞 阿克苏地区:阿克苏 克孜勒苏柯尔克孜自治州:克孜勒苏 喀什地区:喀什 和田地区:和田 伊犁哈萨克自治州:伊犁 塔城地区:塔城 阿勒泰地区:阿勒泰`;

const MUNICIPAL_DISTRICTS = `黄浦区 徐汇区 长宁区 静安区 普陀区 虹口区 杨浦区 闵行区 宝山区 嘉定区 浦东新区 金山区 松江区 青浦区 奉贤区 崇明区
东城区 西城区 朝阳区 丰台区 石景山区 海淀区 门头沟区 房山区 通州区 顺义区 昌平区 大兴区 怀柔区 平谷区 密云区 延庆区`;

/** Short names that are also everyday words: matched only with their level (来宾市, not 来宾). */
const WORD_LIKE = new Set(['来宾', '大同', '安康', '白银', '朝阳', '中山', '黄山', '三明', '日照', '长治', '吉安', '普洱', '玉林', '白山', '黑河', '天门', '北海', '海东', '三沙', '南平', '定西']);

const words = (s: string) => s.split(/\s+/).filter(Boolean);

/** Every place as printed and, where safe, without its level: 深圳市 and 深圳, 江苏省 and 江苏. */
export const PLACE_FORMS: string[] = (() => {
  const out = new Set<string>();
  const add = (full: string, bare: string | null) => {
    out.add(full);
    if (bare && bare.length >= 2 && !WORD_LIKE.has(bare)) out.add(bare);
  };
  for (const p of words(PROVINCES)) add(p, p.replace(/(?:省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$/, ''));
  for (const c of words(CITIES)) add(`${c}市`, c);
  for (const pair of words(PREFECTURES)) {
    const [full, bare] = pair.split(':');
    add(full, bare === '-' ? null : bare);
  }
  for (const d of words(MUNICIPAL_DISTRICTS)) add(d, d.replace(/(?:新区|区)$/, ''));
  return [...out];
})();
